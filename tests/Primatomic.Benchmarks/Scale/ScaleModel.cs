namespace Primatomic.Benchmarks.Scale;

/// <summary>What the run measured, as the model's inputs (rates in storage requests/s, memory in MiB).</summary>
internal sealed record ModelInputs(
    int Instances, int Views, int Logs,
    double IdleNoViews, double IdleOneViewPerLog, double IdleAllViews,
    double ReplicasOneViewPerLog, double ReplicasAllViews, double FollowedLogs,
    double RssBase, double RssPerReplica, double VmSizePerReplica, double MapsBase, double MapsPerReplica,
    double KeyedEntitiesPerEvent, double KeyedRequestsPerEvent, double ReplayRowsPerEvent, long MaxMapCount);

/// <summary>The published Azure limits and the target shape.</summary>
internal static class Target
{
    public const double Tenants = 10_000, Logs = 100_000, Views = 200_000, Instances = 20, InstanceMiB = 2048, HotLogEventsPerSecond = 20_000;
    public const double AccountRequestsPerSecond = 20_000, PartitionEntitiesPerSecond = 2_000;
    public const double IdleBudget = 5_000, MemoryBudgetMiB = 1024, EntitiesPerEventBudget = 0.1, RowsPerEventBudget = 0.1;
    public const double AddressSpaceMiB = 128.0 * 1024 * 1024; // 47-bit user space on x86-64 Linux
}

/// <summary>
/// Per-unit costs from three idle windows (no views; one view per log; all views) and the extrapolation to the
/// target shape. A cost that grows with instances today (every instance loads every view) is scaled to 20
/// instances; a cost that placement has made per view stays per view.
/// </summary>
internal sealed class ScaleModel(ModelInputs m)
{
    public ModelInputs Inputs => m;

    /// <summary>Requests/s per instance with nothing deployed (heartbeats, placement listing, catalogue polls).</summary>
    public double PerInstance => m.IdleNoViews / m.Instances;

    /// <summary>Requests/s per loaded view replica: (R2 - R1) / (P2 - P1).</summary>
    public double PerReplica => m.ReplicasAllViews > m.ReplicasOneViewPerLog
        ? Math.Max(0, (m.IdleAllViews - m.IdleOneViewPerLog) / (m.ReplicasAllViews - m.ReplicasOneViewPerLog))
        : Math.Max(0, (m.IdleAllViews - m.IdleNoViews) / m.ReplicasAllViews);

    /// <summary>Requests/s per followed (log, instance) pair: (R1 - R0 - P1 c_rep) / F, not below 0.</summary>
    public double PerFollowedLog => m.FollowedLogs == 0 ? 0
        : Math.Max(0, (m.IdleOneViewPerLog - m.IdleNoViews - m.ReplicasOneViewPerLog * PerReplica) / m.FollowedLogs);

    /// <summary>Replicas per view: N when every instance loads every view (then 20 at the target), else as measured.</summary>
    public double ReplicasPerView => m.ReplicasAllViews / m.Views;
    public bool Everywhere => ReplicasPerView >= m.Instances - 0.01;
    public double TargetReplicasPerView => Everywhere ? Target.Instances : ReplicasPerView;
    public double FollowersPerLog => m.FollowedLogs / m.Logs;
    public double TargetFollowersPerLog => FollowersPerLog >= m.Instances - 0.01 ? Target.Instances : FollowersPerLog;

    /// <summary>Idle requests/s for a shape of <paramref name="views"/> views (logs = views / 2) on 20 instances.</summary>
    public double IdleAt(double views) =>
        Target.Instances * PerInstance + views * TargetReplicasPerView * PerReplica + views / 2 * TargetFollowersPerLog * PerFollowedLog;

    public double ReplicasPerInstanceAt(double views) => views * TargetReplicasPerView / Target.Instances;
    public double RssAt(double views) => m.RssBase + ReplicasPerInstanceAt(views) * m.RssPerReplica;
    public double MapsAt(double views) => m.MapsBase + ReplicasPerInstanceAt(views) * m.MapsPerReplica;
    public double VmSizeAt(double views) => ReplicasPerInstanceAt(views) * m.VmSizePerReplica;

    public double HotLogEntitiesPerSecond => Target.HotLogEventsPerSecond * m.KeyedEntitiesPerEvent;
    public double HotLogMaxEventsPerSecond => m.KeyedEntitiesPerEvent <= 0 ? double.PositiveInfinity : Target.PartitionEntitiesPerSecond / m.KeyedEntitiesPerEvent;

    /// <summary>Views (at 2 per log, 20 instances) at which each limit is reached, smallest first.</summary>
    public IReadOnlyList<(string Limit, double Views)> Breaks()
    {
        var perView = IdleAt(1) - IdleAt(0);
        var list = new List<(string, double)>
        {
            ($"storage account {Target.AccountRequestsPerSecond:N0} requests/s (idle traffic)", perView <= 0 ? double.PositiveInfinity : (Target.AccountRequestsPerSecond - IdleAt(0)) / perView),
            ($"instance memory {Target.InstanceMiB:N0} MiB (RSS)", PerView(m.RssPerReplica, Target.InstanceMiB - m.RssBase)),
            ($"vm.max_map_count {m.MaxMapCount:N0} mappings per process", PerView(m.MapsPerReplica, m.MaxMapCount - m.MapsBase)),
            ("47-bit address space (128 TiB VmSize)", PerView(m.VmSizePerReplica, Target.AddressSpaceMiB)),
        };
        return [.. list.OrderBy(b => b.Item2)];
    }

    private double PerView(double perReplica, double room) =>
        perReplica <= 0 ? double.PositiveInfinity : Math.Max(0, room) / perReplica * Target.Instances / TargetReplicasPerView;
}
