using static Primatomic.Benchmarks.Scale.ScaleReport;

namespace Primatomic.Benchmarks.Scale;

/// <summary>Prints the model's measured inputs: idle traffic by driver and unit, and memory live and hibernated.</summary>
internal static class ModelReport
{
    public static void Print(ScaleModel model, MemoryStages stages)
    {
        var m = model.Inputs;
        Line($"");
        Line($"== Model: inputs measured in this run (N = {m.Instances} instances, V = {m.Views:N0} views, L = {m.Logs:N0} logs, S = {m.Shards} shards) ==");
        Line($"  bench processes run with Views__HibernateAfter = {m.HibernateAfterSeconds:N0} s (default 120 s) so views hibernate within the run, and");
        Line($"  Views__FollowPollMax = {m.FollowPollMaxSeconds:N0} s (default 60 s): the follower term is measured at {m.FollowPollMaxSeconds:N0} s, checked against 1/FollowPollMax, and carried to 60 s");
        Line($"  idle traffic by driver: R0 = no views; R2 = all {m.Idle.Led:N0} led views hibernating ({m.Idle.Hibernating:N0} at the window's end), followers at their longest wait");
        Line($"    {"driver",-24} {"R0 req/s",9} {"R2 req/s",9}   {"unit at R2",-26} {"per unit/s",10}   expected per unit");
        Driver("placement: shard leases", m.NoViews.ShardRequests, m.Idle.ShardRequests, $"{m.Idle.Shards} shards", m.Idle.PerShard,
            $"{3 / Target.ShardLeaseSeconds:N3} (a renewal every lease/3)");
        Driver("placement: per instance", m.NoViews.NodeRequests, m.Idle.NodeRequests, $"{m.Idle.Instances} instances", m.Idle.PerInstance,
            $"{2 / Target.PlacementIntervalSeconds:N3} (heartbeat + listing each interval)");
        Driver("catalogue version rows", m.NoViews.VersionReads, m.Idle.VersionReads, $"{m.Idle.HeldPartitions} held partitions", m.Idle.PerPartition,
            $"{1 / Target.SupervisePollSeconds:N3} (one read each SupervisePoll)");
        Driver("log heads (followers)", m.NoViews.HeadReads, m.Idle.HeadReads, $"{m.Idle.Followed:N0} followed logs", m.Idle.PerFollowed,
            $"{1 / m.FollowPollMaxSeconds:N3} (1/FollowPollMax): measured/expected = {model.ReadsPerPoll:N2}");
        Driver("rest", m.NoViews.Rest, m.Idle.Rest, $"{m.Idle.Led:N0} led views", m.Idle.PerLed, "0 (nothing else runs while idle)");
        Line($"    {"total",-24} {m.NoViews.Total,9:N1} {m.Idle.Total,9:N1}");
        if (m.Idle.RestCounts.Requests > 0)
        {
            Line($"  the rest at R2, by resource and kind:");
            Breakdown(m.Idle.RestCounts, m.Idle.Seconds);
        }

        Line($"  memory per instance (medians of 3 readings): live = every view just queried on its leader; hibernated = /ops/placement shows all led views hibernating");
        Stage($"stage 1 ({stages.Hibernated1.Led:N0} views)", stages.Live1, stages.Hibernated1);
        Stage($"stage 2 ({stages.Hibernated2.Led:N0} views)", stages.Live2, stages.Hibernated2);
        Line($"  hibernated = slope of the hibernated readings from stage 1 to 2 per led view; live extra = (live - hibernated) at stage 2 per view awake (stage 1 in brackets);");
        Line($"  base = stage-1 hibernated reading - its led views x hibernated; medians over instances");
        Cost("RSS", m.Rss, "MiB", "N3");
        Cost("mappings", m.Maps, "", "N2");
        Cost("VmSize", m.VmSize, "MiB", "N2");
        Line($"  keyed appends at 64 writers: {m.KeyedEntitiesPerEvent:N3} entity writes/event, {m.KeyedRequestsPerEvent:N3} table requests/event;  replay: {m.ReplayRowsPerEvent:N3} rows read/event");
    }

    private static void Driver(string name, double r0, double r2, string unit, double perUnit, string expected) =>
        Line($"    {name,-24} {r0,9:N1} {r2,9:N1}   {unit,-26} {perUnit,10:N4}   {expected}");

    private static void Stage(string title, MemoryState live, MemoryState hibernated)
    {
        Line($"    {title}: live after {live.Seconds:N0} s of queries ({live.Hibernating} still hibernating), all hibernated {hibernated.Seconds:N0} s later");
        foreach (var index in live.Memory.Keys.Order())
        {
            var (a, b) = (live.Memory[index], hibernated.Memory.GetValueOrDefault(index));
            Line($"      instance #{index}: leads {live.Placement[index].Leading,5:N0}   live RSS {a.RssMiB,6:N0} MiB {a.Mappings,6:N0} mappings {a.VmSizeMiB / 1024,6:N1} GiB" +
                $"   hibernated RSS {b.RssMiB,6:N0} MiB {b.Mappings,6:N0} mappings {b.VmSizeMiB / 1024,6:N1} GiB" +
                $"   managed heap after the last collection {hibernated.Placement.GetValueOrDefault(index)?.ManagedHeapMiB,5:N1} MiB");
        }
    }

    private static void Cost(string name, MemoryCost cost, string unit, string format)
    {
        var u = unit.Length == 0 ? "" : " " + unit;
        string F(double value) => value.ToString(format, System.Globalization.CultureInfo.InvariantCulture);
        var first = cost.FirstComponent >= 0
            ? $"of which {cost.FirstComponent:N0}{u} came with the first views: engine and the shared compiled component"
            : $"{-cost.FirstComponent:N0}{u} under the R0 reading: start-up garbage the collector has returned since";
        Line($"  {name,-8}: base {cost.Base:N0}{u} ({first}); " +
            $"per led view hibernated {F(cost.Hibernated)}{u}, live extra {F(cost.LiveExtra)}{u} [{F(cost.LiveExtraCheck)}], live {F(cost.Live)}{u}" +
            (cost.Hibernated < 0 || cost.LiveExtra < 0 ? " (the model counts a negative cost as 0)" : ""));
        if (cost.Noisy)
        {
            Line($"  WARNING: {name} per view is within the noise at this size (hibernated {F(cost.Hibernated)}, live extra {F(cost.LiveExtra)} vs {F(cost.LiveExtraCheck)} at stage 1): " +
                "the live reading holds garbage from the deploys and queries just before it (no collection has run yet), so live extra is an upper bound; " +
                "more views per instance give a steadier figure");
        }
    }
}
