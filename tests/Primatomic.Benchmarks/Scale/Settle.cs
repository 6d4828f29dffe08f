using System.Diagnostics;

namespace Primatomic.Benchmarks.Scale;

/// <summary>Waits (on conditions, with a deadline) until the instances have taken up deployed views.</summary>
internal static class Settle
{
    /// <summary>
    /// With placement: until the live instances lead <paramref name="views"/> views between them. Without: until no
    /// instance's number of memory mappings (each loaded view adds about ten) has moved by more than a few (threads
    /// and the GC move it a little anyway) for three seconds and all instances are within 5 % of each other (each loads
    /// every view, so a slow one is still loading). Returns the wait.
    /// </summary>
    public static async Task<TimeSpan> WaitAsync(ScaleCluster cluster, int views, TimeSpan deadline)
    {
        var clock = Stopwatch.StartNew();
        var live = cluster.Live.ToList();
        var last = live.Select(i => i.ReadMemory().Mappings).ToList();
        var stableSince = clock.Elapsed;
        while (clock.Elapsed < deadline)
        {
            await Task.Delay(TimeSpan.FromSeconds(1));
            var placements = await Task.WhenAll(live.Select(i => i.PlacementAsync()));
            if (placements.All(p => p is not null))
            {
                if (placements.Sum(p => p!.Leading) >= views)
                {
                    return clock.Elapsed;
                }

                continue;
            }

            var now = live.Select(i => i.ReadMemory().Mappings).ToList();
            if (now.Zip(last).Any(x => Math.Abs(x.First - x.Second) > Math.Max(8, x.Second / 200)))
            {
                (last, stableSince) = (now, clock.Elapsed);
            }
            else if (clock.Elapsed - stableSince >= TimeSpan.FromSeconds(3) && now.Max() - now.Min() <= Math.Max(30, now.Max() / 20))
            {
                return clock.Elapsed;
            }
        }

        Console.WriteLine($"  (not settled within {deadline.TotalSeconds:N0} s; measuring anyway)");
        return clock.Elapsed;
    }

    /// <summary>Until every live instance sees all of them alive and the shards are all held, each instance within its share.</summary>
    public static async Task<TimeSpan> PlacementAsync(ScaleCluster cluster, int shards, TimeSpan deadline)
    {
        var clock = Stopwatch.StartNew();
        var live = cluster.Live.ToList();
        var share = (int)Math.Ceiling(shards / (double)live.Count);
        while (clock.Elapsed < deadline)
        {
            var placements = await Task.WhenAll(live.Select(i => i.PlacementAsync()));
            if (placements.All(p => p is not null && p.LiveNodes == live.Count && p.Shards.Count <= share)
                && placements.Sum(p => p!.Shards.Count) == shards)
            {
                return clock.Elapsed;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500));
        }

        Console.WriteLine($"  (placement not settled within {deadline.TotalSeconds:N0} s; measuring anyway)");
        return clock.Elapsed;
    }
}
