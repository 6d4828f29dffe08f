using System.Diagnostics;

namespace Primatomic.Benchmarks.Scale;

/// <summary>
/// Warm queries (on an instance that runs the view: its leader, or any instance when every instance loads every
/// view) and cold ones (on an instance that has not loaded it: not its leader, not where it was deployed, not
/// queried before in this run). Cold is measurable only with placement.
/// </summary>
internal static class QueryLatency
{
    /// <summary>Failing queries take Views__QueryWaitTimeout each; sampling stops after this, with what it has.</summary>
    private static readonly TimeSpan Budget = TimeSpan.FromMinutes(2);

    public static async Task<(List<double> Warm, List<double>? Cold, int Failed)> MeasureAsync(ScaleCluster cluster, ScaleCatalog catalog, int samples, int shards)
    {
        var live = cluster.Live.ToList();
        var leaderOfShard = await cluster.LeadersByShardAsync();
        var picked = catalog.Views.OrderBy(_ => Random.Shared.Next()).Take(samples).ToList();
        var warm = new List<double>();
        var cold = leaderOfShard is null ? null : new List<double>();
        var failed = 0;
        var budget = Stopwatch.StartNew();
        foreach (var view in picked.TakeWhile(_ => budget.Elapsed < Budget))
        {
            try
            {
                await OneAsync(live, catalog, view, leaderOfShard, shards, warm, cold);
            }
            catch (HttpRequestException)
            {
                // A 503 (the replica did not catch up in time) is a finding, reported as a count, not a crash.
                failed++;
            }
        }

        return (warm, cold, failed);
    }

    private static async Task OneAsync(List<ScaleInstance> live, ScaleCatalog catalog, ScaleView view, Dictionary<int, ScaleInstance>? leaderOfShard,
        int shards, List<double> warm, List<double>? cold)
    {
        var leader = leaderOfShard?.GetValueOrDefault(view.Log.Shard(shards)) ?? live[Random.Shared.Next(live.Count)];
        catalog.Touched[(leader.Index, view.Log.LogId, view.Name)] = true;
        await ScaleApi.QueryAsync(leader, view.Log.Token, view.Log.LogId, view.Name, view.Log.Head);
        warm.Add(await TimeAsync(leader, view, catalog));
        if (cold is not null)
        {
            var elsewhere = live.Where(i => i != leader && i.Index != view.DeployedOn
                && !catalog.Touched.ContainsKey((i.Index, view.Log.LogId, view.Name))).ToList();
            if (elsewhere.Count > 0)
            {
                cold.Add(await TimeAsync(elsewhere[Random.Shared.Next(elsewhere.Count)], view, catalog));
            }
        }
    }

    private static async Task<double> TimeAsync(ScaleInstance instance, ScaleView view, ScaleCatalog catalog)
    {
        catalog.Touched[(instance.Index, view.Log.LogId, view.Name)] = true;
        var clock = Stopwatch.StartNew();
        await ScaleApi.QueryAsync(instance, view.Log.Token, view.Log.LogId, view.Name, view.Log.Head);
        return clock.Elapsed.TotalMilliseconds;
    }
}
