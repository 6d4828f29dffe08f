using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Primatomic.Testing;
using static Primatomic.Benchmarks.Scale.ScaleReport;

namespace Primatomic.Benchmarks.Scale;

/// <summary>
/// scripts/bench-scale: N service processes against one Azurite, each through its own counting proxy; idle and
/// traffic by driver with no views and with thousands of hibernating views; memory with every view live and every
/// view hibernating; light load; warm and cold queries; keyed hot-log writes and replay reads per event; rebalance
/// after kill -9 and a join; then the extrapolation to the target shape and a verdict per target (exit 1 when one is
/// missed). Needs the placed service (/ops/placement).
/// </summary>
internal static class ScaleBenchmark
{
    public static async Task<int> RunAsync(ScaleOptions o)
    {
        CultureInfo.DefaultThreadCurrentCulture = CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        var total = Stopwatch.StartNew();
        var component = await File.ReadAllBytesAsync(RepoPaths.Combine("examples", "views", "counter", "counter.wasm"));
        Line($"bench-scale{(o.Quick ? " --quick" : "")}: {o.Processes} processes, {o.Views:N0} counter views over {o.Logs:N0} logs of {o.Tenants} tenants, " +
            $"windows of {o.Seconds} s in {o.Rounds} rounds, {o.AppendsPerSecond} appends/s light load, {o.Writers} keyed writers for {o.KeyedSeconds} s, " +
            $"Views__Shards={o.Shards}; {Environment.ProcessorCount} cores, Azurite on loopback");
        await using var cluster = await ScaleCluster.StartAsync(o);
        // Ctrl-C or a kill stops the service processes and Azurite too, rather than leaving them running.
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, _ => StopNow(cluster));
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, _ => StopNow(cluster));
        Line($"started Azurite and {o.Processes} instances in {total.Elapsed.TotalSeconds:N1} s (each ready after {string.Join(", ", cluster.Instances.Select(i => i.Service.TimeToReady.TotalSeconds.ToString("N1", CultureInfo.InvariantCulture)))} s)");
        var catalog = new ScaleCatalog(cluster, component);
        var setup = Stopwatch.StartNew();
        await catalog.CreateTenantsAndLogsAsync(o.Tenants, o.Logs);
        Line($"registered {o.Tenants} tenants and created {o.Logs} logs in {setup.Elapsed.TotalSeconds:N1} s");
        if (await cluster.Instances[0].PlacementAsync() is null)
        {
            Line("GET /ops/placement is 404: this service has no placement, and the model below is for the placed service (use an older bench-scale)");
            return 2;
        }

        Line($"placement: GET /ops/placement answers; shards settled over the instances after {(await Settle.PlacementAsync(cluster, o.Shards, TimeSpan.FromMinutes(2))).TotalSeconds:N1} s");
        Line($"bench processes: Views__HibernateAfter = {o.HibernateAfterSeconds} s, Views__FollowPollMax = {o.FollowPollMaxSeconds} s (defaults 120 s and 60 s; see the model)");

        var idle0 = await TrafficWindow.MeasureAsync(cluster, o.Window, o.Rounds);
        Traffic("IDLE, no views (R0)", idle0, 0, o.Rounds);

        await DeployAsync(cluster, catalog, 0, o.Logs);
        var (live1, hibernated1) = await MemoryStageAsync(cluster, catalog, o, "stage 1, one view per log");
        await DeployAsync(cluster, catalog, o.Logs, o.Views);
        var (live2, hibernated2) = await MemoryStageAsync(cluster, catalog, o, "stage 2, all views");
        var stages = new MemoryStages(idle0.Memory, live1, hibernated1, live2, hibernated2);

        var idle = await TrafficWindow.MeasureAsync(cluster, o.Window, o.Rounds);
        Traffic($"IDLE (R2, {o.Views:N0} views, led views hibernating, followers at their longest wait)", idle, o.Views, o.Rounds);

        var load = new LightLoad(cluster, catalog, o.AppendsPerSecond);
        using (var stop = new CancellationTokenSource())
        {
            var running = load.RunAsync(stop.Token);
            var loaded = await TrafficWindow.MeasureAsync(cluster, o.Window, o.Rounds);
            await stop.CancelAsync();
            await running;
            Traffic($"LIGHT LOAD ({o.AppendsPerSecond} appends/s, each then query?after on a random instance)", loaded, o.Views, o.Rounds);
            Line($"  {loaded.Rps - idle.Rps:N1} req/s above idle = {(loaded.Rps - idle.Rps) / o.AppendsPerSecond:N1} storage requests per append (with its query); " +
                $"{load.Failures} failed, {load.Wrong} answers behind their sequence" +
                (loaded.Rps < idle.Rps ? " (below idle: something is saturated)" : ""));
            Line($"  (the load starts with every view hibernating: a log's first event wakes its views from their checkpoints; with HibernateAfter = {o.HibernateAfterSeconds} s, views of logs idle that long hibernate again)");
            Latency("  append", load.AppendMs);
            Latency("  query?after=SEQ (read-after-write, any instance)", load.QueryMs);
        }

        var (warm, cold, failed) = await QueryLatency.MeasureAsync(cluster, catalog, o.LatencySamples, o.Shards);
        if (failed > 0)
        {
            Line($"  {failed} of {o.LatencySamples} sampled views' queries failed (503: not caught up within Views__QueryWaitTimeout)");
        }

        Latency("warm query (view loaded on that instance)", warm);
        Latency("cold query (view not loaded on that instance)", cold);

        var hot = await catalog.CreateLogAsync("scale-hot");
        var keyed = await HotLog.KeyedAppendsAsync(cluster.Instances[0], hot, o.Writers, TimeSpan.FromSeconds(o.KeyedSeconds));
        Line($"KEYED HOT LOG: {keyed.Events:N0} events in {keyed.Seconds:N1} s ({keyed.EventsPerSecond:N0}/s, {keyed.Failures} failed) from {o.Writers} writers with Idempotency-Key: " +
            $"{keyed.Counts.EntitiesWritten:N0} entities written ({keyed.PartitionEntities:N0} naming the log) = {keyed.EntitiesPerEvent:N3} per event; {keyed.RequestsPerEvent:N3} table requests per event");
        Breakdown(keyed.Counts, keyed.Seconds);
        var replay = await HotLog.ReplayAsync(cluster.Instances[0], hot, component);
        Line($"REPLAY: a fresh view over that group-committed log ({replay.Head:N0} events) answered query?after=head in {replay.Seconds:N1} s " +
            $"({(replay.Correct ? "count correct" : "WRONG COUNT")}): {replay.RowsRead:N0} rows read / {replay.EventsApplied:N0} events applied = {replay.RowsPerEvent:N3} rows/event");

        var moved = await Rebalance.KillOneAsync(cluster, catalog, o.Shards, o.LatencySamples);
        Line($"KILL -9 of one instance: every shard leased by a live process after {Seconds(moved.ShardsCovered)}; " +
            $"its {moved.MovedProbed} probed views led elsewhere and answering query?after after {Seconds(moved.ViewsAnswering)}" +
            (moved.Unanswered > 0 ? $" ({moved.Unanswered} NOT within 2 min)" : "") +
            $"; rebalanced after {Seconds(new[] { moved.ShardsCovered, moved.ViewsAnswering }.Max())}");
        var join = await Rebalance.JoinAsync(cluster, catalog, o.Shards);
        Line($"JOIN of a new instance: ready after {join.Ready:N1} s, holds its share ({join.Share?.ToString(CultureInfo.InvariantCulture) ?? "n/a"} shards) after {Seconds(join.ShareHeld)}, " +
            $"first query?after answered after {Seconds(join.FirstAnswer)}");

        var model = new ScaleModel(Inputs(o, idle0, idle, stages, keyed, replay));
        ModelReport.Print(model, stages);
        var pass = TargetReport.Print(model);
        Line($"bench-scale finished in {total.Elapsed.TotalMinutes:N1} min; {(pass ? "every target met" : "a target was missed (exit 1)")}");
        return pass ? 0 : 1;
    }

    private static void StopNow(ScaleCluster cluster)
    {
        cluster.DisposeAsync().AsTask().Wait(TimeSpan.FromSeconds(30));
        Environment.Exit(130);
    }

    private static async Task DeployAsync(ScaleCluster cluster, ScaleCatalog catalog, int from, int to)
    {
        var clock = Stopwatch.StartNew();
        await catalog.DeployAsync(from, to);
        var deployed = clock.Elapsed.TotalSeconds;
        var settled = await Settle.WaitAsync(cluster, to, TimeSpan.FromMinutes(5));
        Line($"deployed views {from:N0}..{to - 1:N0} in {deployed:N1} s ({(to - from) / deployed:N1}/s); instances settled {settled.TotalSeconds:N1} s later");
    }

    /// <summary>Every view queried on its leader, memory read; then, once all led views hibernate, read again.</summary>
    private static async Task<(MemoryState Live, MemoryState Hibernated)> MemoryStageAsync(ScaleCluster cluster, ScaleCatalog catalog, ScaleOptions o, string title)
    {
        var (live, failed) = await Hibernation.WakeAllAsync(cluster, catalog, o.Shards);
        // A led view hibernates at the first sweep (every Views__CheckpointInterval, 30 s) after HibernateAfter idle.
        var (hibernated, reached) = await Hibernation.WaitHibernatedAsync(cluster, o.HibernateAfter + TimeSpan.FromSeconds(90));
        Line($"MEMORY {title}: {live.Led:N0} led views queried on their leaders in {live.Seconds:N1} s ({failed} failed, {live.Hibernating} hibernating at the reading): " +
            $"RSS {Sum(live, r => r.RssMiB):N0} MiB, {Sum(live, r => r.Mappings):N0} mappings over all instances; " +
            (reached ? $"all hibernating {hibernated.Seconds:N1} s later" : $"NOT all hibernating after {hibernated.Seconds:N0} s ({hibernated.Hibernating:N0} of {hibernated.Led:N0})") +
            $": RSS {Sum(hibernated, r => r.RssMiB):N0} MiB, {Sum(hibernated, r => r.Mappings):N0} mappings");
        return (live, hibernated);
    }

    private static double Sum(MemoryState state, Func<MemoryReading, double> field) => state.Memory.Values.Sum(field);

    private static ModelInputs Inputs(ScaleOptions o, TrafficResult idle0, TrafficResult idle2, MemoryStages stages, KeyedResult keyed, ReplayResult replay)
    {
        var maxMaps = long.Parse(File.ReadAllText("/proc/sys/vm/max_map_count").Trim(), CultureInfo.InvariantCulture);
        return new ModelInputs(o.Processes, o.Views, o.Logs, o.Shards, IdleDrivers.From(idle0, o.Shards), IdleDrivers.From(idle2, o.Shards),
            o.FollowPollMaxSeconds, o.HibernateAfterSeconds, o.ActiveShare,
            stages.Cost(m => m.RssMiB), stages.Cost(m => m.Mappings), stages.Cost(m => m.VmSizeMiB),
            keyed.EntitiesPerEvent, keyed.RequestsPerEvent, replay.RowsPerEvent, maxMaps);
    }
}
