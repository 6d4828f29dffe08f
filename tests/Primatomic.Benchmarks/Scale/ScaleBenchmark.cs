using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Primatomic.Testing;
using static Primatomic.Benchmarks.Scale.ScaleReport;

namespace Primatomic.Benchmarks.Scale;

/// <summary>
/// scripts/bench-scale: N service processes against one Azurite, each through its own counting proxy; idle and
/// light-load storage traffic and memory with thousands of views; warm and cold queries; keyed hot-log writes and
/// replay reads per event; rebalance after kill -9 and a join; then the extrapolation to the target shape and a
/// verdict per target (exit 1 when one is missed).
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
        var placement = await cluster.Instances[0].PlacementAsync() is not null;
        Line($"placement: {(placement ? "GET /ops/placement answers" : "GET /ops/placement is 404 (no placement: every instance loads every view; placement-only figures are n/a)")}");

        var idle0 = await TrafficWindow.MeasureAsync(cluster, o.Window, o.Rounds);
        Traffic("IDLE, no views (R0)", idle0, 0, o.Rounds);

        await DeployAsync(cluster, catalog, 0, o.Logs);
        var idle1 = await TrafficWindow.MeasureAsync(cluster, o.Window, o.Rounds);
        Traffic($"IDLE, one view per log (R1, {o.Logs} views)", idle1, o.Logs, o.Rounds);

        await DeployAsync(cluster, catalog, o.Logs, o.Views);
        var idle = await TrafficWindow.MeasureAsync(cluster, o.Window, o.Rounds);
        Traffic($"IDLE (R2, {o.Views:N0} views)", idle, o.Views, o.Rounds);

        var load = new LightLoad(cluster, catalog, o.AppendsPerSecond);
        using (var stop = new CancellationTokenSource())
        {
            var running = load.RunAsync(stop.Token);
            var loaded = await TrafficWindow.MeasureAsync(cluster, o.Window, o.Rounds);
            await stop.CancelAsync();
            await running;
            Traffic($"LIGHT LOAD ({o.AppendsPerSecond} appends/s, each then query?after on a random instance)", loaded, o.Views, o.Rounds);
            Line($"  {loaded.MedianRps - idle.MedianRps:N1} req/s above idle = {(loaded.MedianRps - idle.MedianRps) / o.AppendsPerSecond:N1} storage requests per append (with its query); " +
                $"{load.Failures} failed, {load.Wrong} answers behind their sequence" +
                (loaded.MedianRps < idle.MedianRps ? " (below idle: something is saturated, so the per-view timers fire late)" : ""));
            Latency("  append", load.AppendMs);
            Latency("  query?after=SEQ (read-after-write, any instance)", load.QueryMs);
        }

        var (warm, cold, failed) = await QueryLatency.MeasureAsync(cluster, catalog, o.LatencySamples, o.Shards);
        if (failed > 0)
        {
            Line($"  {failed} of {o.LatencySamples} sampled views' queries failed (503: not caught up within Views__QueryWaitTimeout)");
        }

        Latency("warm query (view loaded on that instance)", warm);
        Latency("cold query (view not loaded on that instance)" + (placement ? "" : " [n/a without placement]"), cold);

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

        var pass = ModelReport.Print(new ScaleModel(Inputs(o, placement, idle0, idle1, idle, keyed, replay)), placement);
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

    private static ModelInputs Inputs(ScaleOptions o, bool placement, TrafficResult idle0, TrafficResult idle1, TrafficResult idle2, KeyedResult keyed, ReplayResult replay)
    {
        // Replicas an instance keeps while idle: the views it leads (on-demand ones are evicted when idle, and have no
        // timers; whatever they cost while measured is charged to the led ones, which errs on the safe side).
        double Replicas(TrafficResult r, int views) => placement ? r.Placement.Values.Sum(p => p!.Leading) : (double)views * o.Processes;
        double ReplicasOn(TrafficResult r, int index, int views) => placement ? r.Placement[index]!.Leading : views;
        // Per replica: the slope from one view per log to all views on each instance (so one-off engine start-up is
        // not charged to views); base: what is left at zero replicas. Medians over instances.
        double PerReplica(Func<MemoryReading, double> field) => Stats.Median(idle2.Memory.Keys.Select(i =>
            (field(idle2.Memory[i]) - field(idle1.Memory[i])) / Math.Max(1, ReplicasOn(idle2, i, o.Views) - ReplicasOn(idle1, i, o.Logs))));
        double Base(Func<MemoryReading, double> field) => Stats.Median(idle1.Memory.Keys.Select(i =>
            field(idle1.Memory[i]) - ReplicasOn(idle1, i, o.Logs) * PerReplica(field)));
        var followed = placement ? idle1.Placement.Values.Sum(p => p!.LogsFollowed) : (double)o.Logs * o.Processes;
        var maxMaps = long.Parse(File.ReadAllText("/proc/sys/vm/max_map_count").Trim(), CultureInfo.InvariantCulture);
        return new ModelInputs(o.Processes, o.Views, o.Logs, idle0.MedianRps, idle1.MedianRps, idle2.MedianRps,
            Replicas(idle1, o.Logs), Replicas(idle2, o.Views), followed,
            Base(m => m.RssMiB), PerReplica(m => m.RssMiB), PerReplica(m => m.VmSizeMiB),
            Base(m => m.Mappings), PerReplica(m => m.Mappings),
            keyed.EntitiesPerEvent, keyed.RequestsPerEvent, replay.RowsPerEvent, maxMaps);
    }
}
