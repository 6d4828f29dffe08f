using static Primatomic.Benchmarks.Scale.ScaleReport;

namespace Primatomic.Benchmarks.Scale;

/// <summary>Prints the formulas, the target shape beside Azure's limits, which limit breaks first, and the verdict per target.</summary>
internal static class TargetReport
{
    public static bool Print(ScaleModel model)
    {
        var m = model.Inputs;
        var views = Target.Views;
        var led = ScaleModel.LedPerInstance(views);
        var a = m.ActiveShare;
        Line($"== Formulas (target: 20 instances, S = {m.Shards} shards, V' views over V'/2 logs, default timers; a = active share) ==");
        Line($"  placement  = S c_shard + 20 c_inst          = {m.Shards} x {m.Idle.PerShard:N3} + 20 x {m.Idle.PerInstance:N3}");
        Line($"  catalogue  = 256 c_part                     = 256 x {m.Idle.PerPartition:N3}   (each partition read by its one holder, whatever the instances)");
        Line($"  followers  = (V'/2) f (c_head P / 60)       f = F/L = {model.FollowersPerLog:N2};  c_head P = {m.Idle.PerFollowed:N4} x {m.FollowPollMaxSeconds:N0} s = {model.ReadsPerPoll:N2} reads per poll, at 60 s {model.PerFollowedAtDefault:N5}/s");
        Line($"  rest       = V' c_rest                      c_rest = {m.Idle.PerLed:N5} per led view");
        Line($"  sweeper    = ((V'/2) f + 256) / 20 / 60     the ViewSweeper timer in Azure (not run here): once a minute one instance reads its logs' heads and partitions' version rows");
        Line($"  memory(V') = base + (V'/20) (hib + a live_extra);  same for mappings and VmSize;  a = {a:P0} (--active-share: views with an event or query within HibernateAfter)");
        Line($"  hot log entities/s = 20,000 x entity writes/event;  max keyed events/s = 2,000 / entity writes/event");

        var idle = model.IdleAt(views);
        var hotRequests = Target.HotLogEventsPerSecond * m.KeyedRequestsPerEvent;
        Line($"== Target shape: {Target.Tenants:N0} tenants, {Target.Logs:N0} logs, {views:N0} views, {Target.Instances:N0} instances of {Target.InstanceMiB:N0} MiB, {m.Shards} shards, one hot log at {Target.HotLogEventsPerSecond:N0} events/s ==");
        Term("placement", model.Placement);
        Term("catalogue version polls", model.Catalogue);
        Term("follower head reads", model.Followers(views), $"({views / 2 * model.FollowersPerLog:N0} followed logs, one read each {Target.FollowPollMaxSeconds:N0} s)");
        Term("rest, per led view", model.Rest(views));
        Term("ViewSweeper (Azure only)", model.Sweeper(views));
        Line($"  idle storage total          {idle,10:N0} req/s   limit {Target.AccountRequestsPerSecond:N0} per account ({idle / Target.AccountRequestsPerSecond:N3} accounts)");
        Line($"  + hot log                   {hotRequests,10:N0} req/s   (20,000 x {m.KeyedRequestsPerEvent:N3} requests/event)  total {(idle + hotRequests) / Target.AccountRequestsPerSecond:N3} accounts");
        Line($"  memory per instance         {model.RssAt(views),10:N0} MiB     {led:N0} led views: {m.Rss.Base:N0} + {led:N0} x {m.Rss.HibernatedUsed:N3} + {led * a:N0} active x {m.Rss.LiveExtraUsed:N3};  limit {Target.InstanceMiB:N0} MiB");
        Line($"      1 GB reached at an active share of {Share(m.Rss, led, Target.MemoryBudgetMiB)}, 2 GB at {Share(m.Rss, led, Target.InstanceMiB)}");
        Line($"  mappings per instance       {model.MapsAt(views),10:N0}         {m.Maps.Base:N0} + {led:N0} x {m.Maps.HibernatedUsed:N2} + {led * a:N0} x {m.Maps.LiveExtraUsed:N2};  limit vm.max_map_count {m.MaxMapCount:N0}, reached at an active share of {Share(m.Maps, led, m.MaxMapCount)}");
        Line($"      not in these figures: on-demand replicas (queries on other instances), at most Views__MaxOnDemandReplicas = {OnDemandMax} per instance, each a live view: " +
            $"up to +{OnDemandMax * m.Rss.Live:N0} MiB and +{OnDemandMax * m.Maps.Live:N0} mappings, for {Target.OnDemandIdleSeconds / 60:N0} min after their last query");
        Line($"  VmSize per instance         {model.VmSizeAt(views) / 1024,10:N1} GiB     limit 128 TiB");
        Line($"  hot log partition           {model.HotLogEntitiesPerSecond,10:N0} entities/s limit {Target.PartitionEntitiesPerSecond:N0} per partition -> keyed hot log tops out at {model.HotLogMaxEventsPerSecond:N0} events/s");
        Line($"  tenants: no per-tenant cost was measured (a tenant costs nothing idle), so 10,000 tenants do not enter the model");
        Line($"== Which limit breaks first (20 instances, {m.Shards} shards, 2 views per log, active share {a:P0}, views grown from 0) ==");
        foreach (var (limit, at) in model.Breaks())
        {
            Line($"  {limit,-58} at {(double.IsInfinity(at) ? "never (no measured cost)" : $"{at:N0} views ({at / views:N1} x the target)")}");
        }

        if (model.HotLogMaxEventsPerSecond < Target.HotLogEventsPerSecond)
        {
            Line($"  and whatever the views: the keyed hot log meets its partition limit at {model.HotLogMaxEventsPerSecond:N0} events/s");
        }

        Line($"== Verdict ==");
        var pass = Verdict($"idle storage at target <= {Target.IdleBudget:N0} req/s", idle <= Target.IdleBudget, $"{idle:N0}");
        pass &= Verdict($"memory at target <= {Target.MemoryBudgetMiB:N0} MiB per instance (active share {a:P0})", model.RssAt(views) <= Target.MemoryBudgetMiB, $"{model.RssAt(views):N0} MiB");
        pass &= Verdict($"keyed hot log >= 20,000 events/s on paper (<= 0.1 entity writes/event at 64 writers)",
            m.KeyedEntitiesPerEvent <= Target.EntitiesPerEventBudget, $"{m.KeyedEntitiesPerEvent:N3} -> {model.HotLogMaxEventsPerSecond:N0} events/s");
        pass &= Verdict($"replay <= 0.1 rows read per event", m.ReplayRowsPerEvent <= Target.RowsPerEventBudget, $"{m.ReplayRowsPerEvent:N3}");
        return pass;
    }

    /// <summary>Views__MaxOnDemandReplicas default.</summary>
    private const int OnDemandMax = 500;

    private static void Term(string name, double rate, string note = "") => Line($"  {name,-27} {rate,10:N1} req/s   {note}");

    private static string Share(MemoryCost cost, double led, double limit)
    {
        var share = cost.ShareReaching(led, limit);
        return cost.At(led, 0) >= limit ? "none: already reached with every view hibernated"
            : double.IsNaN(share) ? "never (live views cost nothing measurable beyond hibernated ones)"
            : share > 1 ? $"{share:P0} (never: above 100 %)"
            : $"{share:P1}";
    }

    private static bool Verdict(string target, bool met, string figure)
    {
        Line($"  {(met ? "MET   " : "MISSED")} {target}: {figure}");
        return met;
    }
}
