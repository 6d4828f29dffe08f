using System.Diagnostics;

namespace Primatomic.Benchmarks.Scale;

internal sealed record RebalanceResult(int MovedProbed, double? ShardsCovered, double? ViewsAnswering, int Unanswered);

internal sealed record JoinResult(double Ready, double? ShareHeld, int? Share, double? FirstAnswer);

/// <summary>kill -9 of one instance and what it takes until its views are led and answering elsewhere; then a new instance joining.</summary>
internal static class Rebalance
{
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(2);

    /// <summary>How often a move is looked at: the resolution of the times measured.</summary>
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// Views the victim led are found from its shards (placement) or from their stats' leader_node_id (a sample of
    /// <paramref name="probe"/> views, without placement). Times are from the kill: until every shard's lease blob is
    /// held by a live node (placement only), and until each moved view has a live leader and answers query?after.
    /// </summary>
    public static async Task<RebalanceResult> KillOneAsync(ScaleCluster cluster, ScaleCatalog catalog, int shards, int probe)
    {
        var victim = cluster.Live.Last();
        var placement = await victim.PlacementAsync();
        var survivor = cluster.Live.First();
        var first = catalog.Views[0];
        foreach (var instance in cluster.Live.Where(i => i.NodeId is null))
        {
            // Without /ops/placement an instance's node id is what it reports as serving_node_id.
            instance.NodeId = (await ScaleApi.StatsAsync(instance, first.Log.Token, first.Log.LogId, first.Name)).GetProperty("serving_node_id").GetString();
        }

        var victimNode = victim.NodeId;
        List<ScaleView> moved;
        if (placement is not null)
        {
            moved = [.. catalog.Views.Where(v => placement.Shards.Contains(v.Log.Shard(shards))).Take(probe)];
        }
        else
        {
            moved = [];
            foreach (var view in catalog.Views.OrderBy(_ => Random.Shared.Next()).Take(probe))
            {
                try
                {
                    var stats = await ScaleApi.StatsAsync(survivor, view.Log.Token, view.Log.LogId, view.Name);
                    if (stats.GetProperty("leader_node_id").GetString() == victimNode)
                    {
                        moved.Add(view);
                    }
                }
                catch (HttpRequestException)
                {
                    // Not answering now: not a view whose leader we can name, so not probed.
                }
            }
        }

        var clock = Stopwatch.StartNew();
        await victim.KillAsync();
        var live = cluster.Live.ToList();
        var shardsTask = placement is null ? Task.FromResult<double?>(null) : ShardsCoveredAsync(cluster, victimNode!, shards, clock);
        var answered = await Task.WhenAll(moved.Select(v => AnsweringAsync(live, v, victimNode, clock)));
        var done = answered.Where(a => a is not null).Select(a => a!.Value).ToList();
        return new RebalanceResult(moved.Count, await shardsTask, done.Count == 0 ? null : done.Max(), answered.Count(a => a is null));
    }

    public static async Task<JoinResult> JoinAsync(ScaleCluster cluster, ScaleCatalog catalog, int shards)
    {
        var clock = Stopwatch.StartNew();
        var joined = await cluster.AddInstanceAsync();
        var ready = clock.Elapsed.TotalSeconds;
        double? shareHeld = null;
        int? share = null;
        var placement = await joined.PlacementAsync();
        if (placement is not null)
        {
            // Others keep up to ceil(shards / live) each, so the newcomer is sure of only what is left over.
            var live = cluster.Live.Count();
            share = Math.Max(1, shards - (live - 1) * (int)Math.Ceiling(shards / (double)live));
            var held = await Poll.UntilAsync(async () => await HoldsAsync(cluster, joined, placement = await joined.PlacementAsync(), share.Value),
                Interval, clock, Deadline);
            shareHeld = held ? clock.Elapsed.TotalSeconds : null;
        }

        // A view this instance now leads (with placement), else any: its first answer with after honoured.
        var view = placement is { Shards.Count: > 0 } ? catalog.Views.FirstOrDefault(v => placement.Shards.Contains(v.Log.Shard(shards))) : null;
        view ??= catalog.Views[Random.Shared.Next(catalog.Views.Count)];
        var answered = await Poll.UntilAsync(async () =>
        {
            try
            {
                await ScaleApi.QueryAsync(joined, view.Log.Token, view.Log.LogId, view.Name, view.Log.Head);
                return true;
            }
            catch (HttpRequestException)
            {
                return false; // 503 while the new instance catches up: ask again
            }
        }, Interval, clock, Deadline);
        return new JoinResult(ready, shareHeld, share, answered ? clock.Elapsed.TotalSeconds : null);
    }

    /// <summary>Its own /ops/placement and the lease blobs in storage both say it holds at least <paramref name="share"/> shards.</summary>
    private static async Task<bool> HoldsAsync(ScaleCluster cluster, ScaleInstance joined, PlacementReading? placement, int share) =>
        placement is not null && placement.Shards.Count >= share
        && (await cluster.LeasedShardsAsync()).Count(held => held.Value == placement.NodeId) >= share;

    private static async Task<double?> ShardsCoveredAsync(ScaleCluster cluster, string victimNode, int shards, Stopwatch clock) =>
        await Poll.UntilAsync(async () =>
        {
            var held = await cluster.LeasedShardsAsync();
            return held.Count == shards && held.Values.All(node => node != victimNode);
        }, Interval, clock, Deadline) ? clock.Elapsed.TotalSeconds : null;

    private static async Task<double?> AnsweringAsync(List<ScaleInstance> live, ScaleView view, string? victimNode, Stopwatch clock)
    {
        var liveNodes = live.Select(i => i.NodeId).Where(n => n is not null).ToHashSet();
        return await Poll.UntilAsync(async () =>
        {
            try
            {
                var on = live[Random.Shared.Next(live.Count)];
                var leader = (await ScaleApi.StatsAsync(on, view.Log.Token, view.Log.LogId, view.Name)).GetProperty("leader_node_id").GetString();
                if (leader is null || leader == victimNode || (liveNodes.Count > 0 && !liveNodes.Contains(leader)))
                {
                    return false;
                }

                await ScaleApi.QueryAsync(on, view.Log.Token, view.Log.LogId, view.Name, view.Log.Head);
                return true;
            }
            catch (HttpRequestException)
            {
                return false; // 503 while the view has no leader or its replica catches up: ask again
            }
        }, Interval, clock, Deadline) ? clock.Elapsed.TotalSeconds : null;
    }
}
