using System.Diagnostics;

namespace Primatomic.Benchmarks.Scale;

/// <summary>Waits (on conditions, with a deadline) until placement has settled and the instances lead the deployed views.</summary>
internal static class Settle
{
    /// <summary>Until the live instances lead <paramref name="views"/> views between them. Returns the wait.</summary>
    public static async Task<TimeSpan> WaitAsync(ScaleCluster cluster, int views, TimeSpan deadline)
    {
        var clock = Stopwatch.StartNew();
        var live = cluster.Live.ToList();
        if (!await Poll.UntilAsync(async () => (await Task.WhenAll(live.Select(i => i.PlacementAsync()))).Sum(p => p?.Leading ?? 0) >= views,
                TimeSpan.FromSeconds(1), clock, deadline))
        {
            Console.WriteLine($"  (not settled within {deadline.TotalSeconds:N0} s; measuring anyway)");
        }

        return clock.Elapsed;
    }

    /// <summary>Until every live instance sees all of them alive and the shards are all held, each instance within its share.</summary>
    public static async Task<TimeSpan> PlacementAsync(ScaleCluster cluster, int shards, TimeSpan deadline)
    {
        var clock = Stopwatch.StartNew();
        var live = cluster.Live.ToList();
        var share = (int)Math.Ceiling(shards / (double)live.Count);
        if (await Poll.UntilAsync(async () =>
            {
                var placements = await Task.WhenAll(live.Select(i => i.PlacementAsync()));
                return placements.All(p => p is not null && p.LiveNodes == live.Count && p.Shards.Count <= share)
                    && placements.Sum(p => p!.Shards.Count) == shards;
            }, TimeSpan.FromMilliseconds(500), clock, deadline))
        {
            return clock.Elapsed;
        }

        Console.WriteLine($"  (placement not settled within {deadline.TotalSeconds:N0} s; measuring anyway)");
        return clock.Elapsed;
    }
}
