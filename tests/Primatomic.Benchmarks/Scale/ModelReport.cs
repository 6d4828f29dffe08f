using static Primatomic.Benchmarks.Scale.ScaleReport;

namespace Primatomic.Benchmarks.Scale;

/// <summary>Prints the model's inputs, formulas and results beside Azure's limits, and the verdict per target.</summary>
internal static class ModelReport
{
    public static bool Print(ScaleModel model, bool placement)
    {
        var m = model.Inputs;
        Line($"");
        Line($"== Model: inputs measured in this run (N = {m.Instances} instances, V = {m.Views} views, L = {m.Logs} logs) ==");
        Line($"  R0 idle, no views              = {m.IdleNoViews,10:N1} req/s");
        Line($"  R1 idle, one view per log      = {m.IdleOneViewPerLog,10:N1} req/s   P1 = {m.ReplicasOneViewPerLog:N0} replicas kept idle");
        Line($"  R2 idle, all views             = {m.IdleAllViews,10:N1} req/s   P2 = {m.ReplicasAllViews:N0} replicas kept idle,  F = {m.FollowedLogs:N0} (log, instance) followers"
            + (placement ? "" : "   [P, F assumed V*N, L*N: no /ops/placement]"));
        Line($"  memory per replica = (reading at R2 - reading at R1) / (replicas at R2 - at R1) per instance; base = reading at R1 - its replicas x that; medians over instances");
        Line($"  RSS base {m.RssBase:N0} MiB + {m.RssPerReplica:N3} MiB/replica;  VmSize {m.VmSizePerReplica:N0} MiB/replica;  mappings base {m.MapsBase:N0} + {m.MapsPerReplica:N2}/replica");
        Line($"  keyed appends at 64 writers: {m.KeyedEntitiesPerEvent:N3} entity writes/event, {m.KeyedRequestsPerEvent:N3} table requests/event;  replay: {m.ReplayRowsPerEvent:N3} rows read/event");
        var perReplicaR1 = (m.IdleOneViewPerLog - m.IdleNoViews) / m.ReplicasOneViewPerLog;
        var perReplicaR2 = (m.IdleAllViews - m.IdleNoViews) / m.ReplicasAllViews;
        if (perReplicaR1 > 0.05 && perReplicaR2 < perReplicaR1 / 2)
        {
            // Timer-driven traffic falls when storage answers late or the processes run out of CPU: the slope would understate the cost.
            Line($"  WARNING: the idle rate per replica fell from {perReplicaR1:N3} (R1) to {perReplicaR2:N3} (R2) req/s: something is saturated " +
                "(the instances, Azurite or the proxies: see CPU above), so each view's timers fire late and c_rep below is understated. " +
                "Use fewer views, or more cores, for a valid extrapolation.");
        }

        Line($"== Formulas ==");
        Line($"  c_inst   = R0 / N                          = {model.PerInstance,10:N3} req/s per instance");
        Line($"  c_rep    = (R2 - R1) / (P2 - P1)           = {model.PerReplica,10:N4} req/s per loaded replica");
        Line($"  c_follow = max(0, (R1 - R0 - P1 c_rep) / F) = {model.PerFollowedLog,10:N4} req/s per followed (log, instance)");
        Line($"  r = P2 / V = {model.ReplicasPerView:N2} replicas per view -> at target r' = {model.TargetReplicasPerView:N2} ({(model.Everywhere ? "every instance loads every view, so r grows to 20" : "placement: r stays per view")})");
        Line($"  f = F / L  = {model.FollowersPerLog:N2} followers per log  -> at target f' = {model.TargetFollowersPerLog:N2}");
        Line($"  idle(V') = 20 c_inst + V' r' c_rep + (V'/2) f' c_follow;   RSS(V') = base + (V' r' / 20) MiB/replica;   same for mappings and VmSize");
        Line($"  hot log entities/s = 20,000 x entity writes/event;  max keyed events/s = 2,000 / entity writes/event");

        var views = Target.Views;
        var idle = model.IdleAt(views);
        var hotRequests = Target.HotLogEventsPerSecond * m.KeyedRequestsPerEvent;
        Line($"== Target shape: {Target.Tenants:N0} tenants, {Target.Logs:N0} logs, {views:N0} views, {Target.Instances:N0} instances of {Target.InstanceMiB:N0} MiB, one hot log at {Target.HotLogEventsPerSecond:N0} events/s ==");
        Line($"  idle storage           {idle,14:N0} req/s      limit {Target.AccountRequestsPerSecond:N0} per account ({idle / Target.AccountRequestsPerSecond:N2} accounts)");
        Line($"  + hot log              {hotRequests,14:N0} req/s      (20,000 x {m.KeyedRequestsPerEvent:N3} requests/event)  total {(idle + hotRequests) / Target.AccountRequestsPerSecond:N2} accounts");
        Line($"  memory per instance    {model.RssAt(views),14:N0} MiB        limit {Target.InstanceMiB:N0} MiB ({model.ReplicasPerInstanceAt(views):N0} replicas per instance)");
        Line($"  mappings per instance  {model.MapsAt(views),14:N0}            limit vm.max_map_count {m.MaxMapCount:N0}");
        Line($"  VmSize per instance    {model.VmSizeAt(views) / 1024 / 1024,14:N1} TiB        limit 128 TiB");
        Line($"  hot log partition      {model.HotLogEntitiesPerSecond,14:N0} entities/s limit {Target.PartitionEntitiesPerSecond:N0} per partition -> keyed hot log tops out at {model.HotLogMaxEventsPerSecond:N0} events/s");
        Line($"  tenants: no per-tenant cost was measured (a tenant costs nothing idle), so 10,000 tenants do not enter the model");
        Line($"== Which limit breaks first (20 instances, 2 views per log, views grown from 0) ==");
        foreach (var (limit, at) in model.Breaks())
        {
            Line($"  {limit,-58} at {(double.IsInfinity(at) ? "never (no measured cost)" : $"{at:N0} views ({at / views:P1} of the target)")}");
        }

        if (model.HotLogMaxEventsPerSecond < Target.HotLogEventsPerSecond)
        {
            Line($"  and whatever the views: the keyed hot log meets its partition limit at {model.HotLogMaxEventsPerSecond:N0} events/s");
        }

        Line($"== Verdict ==");
        var pass = Verdict($"idle storage at target <= {Target.IdleBudget:N0} req/s", idle <= Target.IdleBudget, $"{idle:N0}");
        pass &= Verdict($"memory at target <= {Target.MemoryBudgetMiB:N0} MiB per instance", model.RssAt(views) <= Target.MemoryBudgetMiB, $"{model.RssAt(views):N0} MiB");
        pass &= Verdict($"keyed hot log >= 20,000 events/s on paper (<= 0.1 entity writes/event at 64 writers)",
            m.KeyedEntitiesPerEvent <= Target.EntitiesPerEventBudget, $"{m.KeyedEntitiesPerEvent:N3} -> {model.HotLogMaxEventsPerSecond:N0} events/s");
        pass &= Verdict($"replay <= 0.1 rows read per event", m.ReplayRowsPerEvent <= Target.RowsPerEventBudget, $"{m.ReplayRowsPerEvent:N3}");
        return pass;
    }

    private static bool Verdict(string target, bool met, string figure)
    {
        Line($"  {(met ? "MET   " : "MISSED")} {target}: {figure}");
        return met;
    }
}
