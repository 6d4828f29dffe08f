namespace Primatomic.Benchmarks.Scale;

/// <summary>What the run measured, as the model's inputs (rates in storage requests/s, memory in MiB).</summary>
internal sealed record ModelInputs(
    int Instances, int Views, int Logs, int Shards, IdleDrivers NoViews, IdleDrivers Idle,
    double FollowPollMaxSeconds, double HibernateAfterSeconds, double ActiveShare,
    MemoryCost Rss, MemoryCost Maps, MemoryCost VmSize,
    double KeyedEntitiesPerEvent, double KeyedRequestsPerEvent, double ReplayRowsPerEvent, long MaxMapCount);

/// <summary>The published Azure limits, the target shape, and the service's default timers there.</summary>
internal static class Target
{
    public const double Tenants = 10_000, Logs = 100_000, Views = 200_000, Instances = 20, InstanceMiB = 2048, HotLogEventsPerSecond = 20_000;
    public const double AccountRequestsPerSecond = 20_000, PartitionEntitiesPerSecond = 2_000;
    public const double IdleBudget = 5_000, MemoryBudgetMiB = 1024, EntitiesPerEventBudget = 0.1, RowsPerEventBudget = 0.1;
    public const double AddressSpaceMiB = 128.0 * 1024 * 1024; // 47-bit user space on x86-64 Linux

    /// <summary>Views__FollowPollMax, PlacementInterval, ShardLease, SupervisePoll, OnDemandIdle defaults; the ViewSweeper timer's period.</summary>
    public const double FollowPollMaxSeconds = 60, PlacementIntervalSeconds = 5, ShardLeaseSeconds = 15, SupervisePollSeconds = 5, SweeperSeconds = 60,
        OnDemandIdleSeconds = 120;
}

/// <summary>
/// Idle storage traffic by driver and memory with hibernation, carried to a shape of V' views over V'/2 logs on 20
/// instances: each driver by its own unit (shards, instances, catalogue partitions, followed logs, led views), memory
/// per instance by led views and the share of them active.
/// </summary>
internal sealed class ScaleModel(ModelInputs m)
{
    public ModelInputs Inputs => m;

    /// <summary>Followed logs per log (a log's views share a shard, so one leader follows it: 1 expected).</summary>
    public double FollowersPerLog => m.Idle.Followed / (double)m.Logs;

    /// <summary>Head reads per poll: measured reads per follower per second x the FollowPollMax they ran with (1 expected).</summary>
    public double ReadsPerPoll => m.Idle.PerFollowed * m.FollowPollMaxSeconds;

    /// <summary>Head reads per followed log per second at the default FollowPollMax (60 s).</summary>
    public double PerFollowedAtDefault => ReadsPerPoll / Target.FollowPollMaxSeconds;

    public double Placement => m.Shards * m.Idle.PerShard + Target.Instances * m.Idle.PerInstance;
    public double Catalogue => IdleDrivers.Partitions * m.Idle.PerPartition;
    public double Followers(double views) => views / 2 * FollowersPerLog * PerFollowedAtDefault;
    public double Rest(double views) => views * m.Idle.PerLed;

    /// <summary>
    /// The ViewSweeper timer (Azure only; not run by this benchmark): once a minute, on one instance, every log it
    /// leads has its head read and every catalogue partition it holds its version row.
    /// </summary>
    public double Sweeper(double views) => (views / 2 * FollowersPerLog + IdleDrivers.Partitions) / Target.Instances / Target.SweeperSeconds;

    public double IdleAt(double views) => Placement + Catalogue + Followers(views) + Rest(views) + Sweeper(views);

    public static double LedPerInstance(double views) => views / Target.Instances;
    public double RssAt(double views) => m.Rss.At(LedPerInstance(views), m.ActiveShare);
    public double MapsAt(double views) => m.Maps.At(LedPerInstance(views), m.ActiveShare);
    public double VmSizeAt(double views) => m.VmSize.At(LedPerInstance(views), m.ActiveShare);

    public double HotLogEntitiesPerSecond => Target.HotLogEventsPerSecond * m.KeyedEntitiesPerEvent;
    public double HotLogMaxEventsPerSecond => m.KeyedEntitiesPerEvent <= 0 ? double.PositiveInfinity : Target.PartitionEntitiesPerSecond / m.KeyedEntitiesPerEvent;

    /// <summary>Views (2 per log, 20 instances, the given active share) at which each limit is reached, smallest first.</summary>
    public IReadOnlyList<(string Limit, double Views)> Breaks()
    {
        var perView = IdleAt(1) - IdleAt(0);
        var list = new List<(string, double)>
        {
            ($"storage account {Target.AccountRequestsPerSecond:N0} requests/s (idle traffic)",
                perView <= 0 ? double.PositiveInfinity : Math.Max(0, Target.AccountRequestsPerSecond - IdleAt(0)) / perView),
            ($"instance memory {Target.InstanceMiB:N0} MiB (RSS)", m.Rss.LedReaching(Target.InstanceMiB, m.ActiveShare) * Target.Instances),
            ($"vm.max_map_count {m.MaxMapCount:N0} mappings per process", m.Maps.LedReaching(m.MaxMapCount, m.ActiveShare) * Target.Instances),
            ("47-bit address space (128 TiB VmSize)", m.VmSize.LedReaching(Target.AddressSpaceMiB, m.ActiveShare) * Target.Instances),
        };
        return [.. list.OrderBy(b => b.Item2)];
    }
}
