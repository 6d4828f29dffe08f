using System.Diagnostics;

namespace Primatomic.Benchmarks.Scale;

/// <summary>Memory of every live instance at one moment, beside what it led then (led, hibernating).</summary>
internal sealed record MemoryState(IReadOnlyDictionary<int, MemoryReading> Memory, IReadOnlyDictionary<int, PlacementReading> Placement, double Seconds)
{
    public int Led => Placement.Values.Sum(p => p.Leading);
    public int Hibernating => Placement.Values.Sum(p => p.Hibernating);
}

/// <summary>
/// Brings every led view to life (a query on each, on its leader) or waits until all have hibernated (idle for
/// Views__HibernateAfter, then checkpointed and their instance dropped at the next sweep), and reads memory.
/// </summary>
internal static class Hibernation
{
    private const int Concurrency = 16;

    /// <summary>Queries every view once on the instance that leads it; failures are counted (a 503 is a finding).</summary>
    public static async Task<(MemoryState State, int Failed)> WakeAllAsync(ScaleCluster cluster, ScaleCatalog catalog, int shards)
    {
        var clock = Stopwatch.StartNew();
        var leaders = await cluster.LeadersByShardAsync() ?? throw new InvalidOperationException("no /ops/placement: nothing hibernates");
        var failed = 0;
        await Parallel.ForEachAsync(catalog.Views, new ParallelOptions { MaxDegreeOfParallelism = Concurrency }, async (view, _) =>
        {
            if (!leaders.TryGetValue(view.Log.Shard(shards), out var leader))
            {
                Interlocked.Increment(ref failed);
                return;
            }

            catalog.Touched[(leader.Index, view.Log.LogId, view.Name)] = true;
            try
            {
                await ScaleApi.QueryAsync(leader, view.Log.Token, view.Log.LogId, view.Name, 0);
            }
            catch (HttpRequestException)
            {
                Interlocked.Increment(ref failed);
            }
        });
        return (await ReadAsync(cluster, clock), failed);
    }

    /// <summary>Waits until every instance's led views are all hibernating (or <paramref name="deadline"/>), then reads memory.</summary>
    public static async Task<(MemoryState State, bool Reached)> WaitHibernatedAsync(ScaleCluster cluster, TimeSpan deadline)
    {
        var clock = Stopwatch.StartNew();
        var reached = await Poll.UntilAsync(async () => (await Task.WhenAll(cluster.Live.Select(i => i.PlacementAsync())))
            .All(p => p is not null && p.Hibernating >= p.Leading), TimeSpan.FromSeconds(1), clock, deadline);
        return (await ReadAsync(cluster, clock), reached);
    }

    /// <summary>Median of three readings a second apart (RSS moves with the GC), and each instance's placement after them.</summary>
    private static async Task<MemoryState> ReadAsync(ScaleCluster cluster, Stopwatch clock)
    {
        var live = cluster.Live.ToList();
        var readings = live.ToDictionary(i => i.Index, _ => new List<MemoryReading>());
        for (var n = 0; n < 3; n++)
        {
            if (n > 0)
            {
                await Task.Delay(TimeSpan.FromSeconds(1)); // readings spread over time, not a wait: RSS moves with the GC
            }

            live.ForEach(i => readings[i.Index].Add(i.ReadMemory()));
        }

        var placement = new Dictionary<int, PlacementReading>();
        foreach (var instance in live)
        {
            placement[instance.Index] = await instance.PlacementAsync() ?? throw new InvalidOperationException("no /ops/placement");
        }

        return new MemoryState(readings.ToDictionary(r => r.Key, r => MemoryReading.Median(r.Value)), placement, clock.Elapsed.TotalSeconds);
    }
}
