using System.Diagnostics;
using System.Text.Json;
using Primatomic.Functions.Views.Placement;
using Primatomic.Testing;
using Primatomic.Tests.Infrastructure;
using Primatomic.Tests.Logs;

namespace Primatomic.Tests.Views.Placement;

/// <summary>
/// Three service processes on one Azurite: each view is led by exactly one of them (the holder of its shard) and
/// loaded nowhere else until queried there; killing a leader moves its views within the documented bound while
/// <c>query?after</c> stays right on every instance; a fourth instance gets its share; and every view ends with exactly
/// the state of a fresh replay (nothing skipped, nothing applied twice).
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class ViewPlacementTests : IAsyncLifetime
{
    private const int Logs = 12;
    private PlacementCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await PlacementCluster.StartAsync(3);

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task Views_are_led_once_loaded_only_where_led_or_queried_and_move_with_their_shards_without_skipping_or_repeating()
    {
        var services = _cluster.Services.ToList();
        var clients = services.ToDictionary(s => s, s => s.CreateClient());
        var tenant = await TestTenant.RegisterAsync(clients[services[0]]);
        foreach (var client in clients.Values)
        {
            tenant.Authorize(client);
        }
        var held = await PlacementCluster.WaitForFairShareAsync(services, TimeSpan.FromSeconds(60));

        var heads = new Dictionary<string, long>();
        for (var i = 0; i < Logs; i++)
        {
            var client = clients[services[i % services.Count]];
            var logId = await client.CreateLogAsync();
            await client.DeployOkAsync(logId, "counter", WatFixtures.Binary("counter"));
            heads[logId] = 0;
        }

        ServiceProcess LeaderOf(string logId, Dictionary<ServiceProcess, int[]> shards) =>
            shards.Single(pair => pair.Value.Contains(ShardMap.ShardOf(logId, PlacementCluster.Shards))).Key;

        // Each view runs where its shard is held, and nowhere else.
        await Eventually.TrueAsync(async () =>
        {
            foreach (var service in services)
            {
                var views = (await PlacementCluster.PlacementAsync(service)).GetProperty("views");
                if (views.GetProperty("leading").GetInt32() != heads.Keys.Count(log => LeaderOf(log, held) == service)
                    || views.GetProperty("on_demand").GetInt32() != 0)
                {
                    return false;
                }
            }

            return true;
        }, "each view to be loaded only by the holder of its shard", TimeSpan.FromSeconds(30));

        // A query with after on an instance that does not lead loads the view there, on demand, and is right.
        var first = heads.Keys.First();
        var leader = LeaderOf(first, held);
        var elsewhere = services.First(s => s != leader);
        for (var n = 0; n < 5; n++)
        {
            heads[first] = await clients[leader].AppendOkAsync(first, [1]);
        }

        Assert.Equal("{\"count\":5}", await clients[elsewhere].QueryTextAsync(first, "counter", after: heads[first]));
        Assert.Equal(1, (await PlacementCluster.PlacementAsync(elsewhere)).GetProperty("views").GetProperty("on_demand").GetInt32());

        // Kill the instance leading the most views while appends and queries with after go on through the others.
        var victim = services.OrderByDescending(s => heads.Keys.Count(log => LeaderOf(log, held) == s)).First();
        var survivors = services.Where(s => s != victim).ToList();
        using var stop = new CancellationTokenSource();
        var load = AppendAndQueryAsync(survivors.Select(s => clients[s]).ToList(), heads, stop.Token);
        await Eventually.TrueAsync(() => Task.FromResult(load.IsCompleted || heads.Values.Sum() > 40), "load to be under way", TimeSpan.FromSeconds(30));
        await victim.KillAsync();
        var moving = Stopwatch.StartNew();
        held = await PlacementCluster.WaitForFairShareAsync(survivors, PlacementCluster.MoveBound + TimeSpan.FromSeconds(10));
        var moved = moving.Elapsed;
        Assert.True(moved <= PlacementCluster.MoveBound + TimeSpan.FromSeconds(3), $"the dead instance's shards moved after {moved}");

        // A new instance gets its share.
        var newcomer = await _cluster.AddAsync();
        clients[newcomer] = newcomer.CreateClient();
        tenant.Authorize(clients[newcomer]);
        var joining = Stopwatch.StartNew();
        held = await PlacementCluster.WaitForFairShareAsync([.. survivors, newcomer], TimeSpan.FromSeconds(20));
        var joined = joining.Elapsed;

        await stop.CancelAsync();
        await load;

        // Nothing skipped or applied twice: on every live instance each view counts exactly its log, as a fresh replay does.
        foreach (var (logId, head) in heads)
        {
            foreach (var service in (IEnumerable<ServiceProcess>)[.. survivors, newcomer])
            {
                Assert.Equal($"{{\"count\":{head}}}", await clients[service].QueryTextAsync(logId, "counter", after: head));
            }
        }

        var replayed = heads.Keys.Take(3).ToList();
        foreach (var logId in replayed)
        {
            await clients[newcomer].DeployOkAsync(logId, "replay", WatFixtures.Binary("counter"));
            Assert.Equal($"{{\"count\":{heads[logId]}}}", await clients[survivors[0]].QueryTextAsync(logId, "replay", after: heads[logId]));
        }

        Assert.True(joined <= TimeSpan.FromSeconds(10), $"the new instance took {joined} to hold its share");
    }

    /// <summary>Appends to the logs in turn through the given instances, each followed by a query with after on another; every answer must count at least what was appended.</summary>
    private static async Task AppendAndQueryAsync(List<HttpClient> clients, Dictionary<string, long> heads, CancellationToken stop)
    {
        var turn = 0;
        while (!stop.IsCancellationRequested)
        {
            foreach (var logId in heads.Keys.ToList())
            {
                var head = await clients[turn++ % clients.Count].AppendOkAsync(logId, [2]);
                heads[logId] = head;
                var answer = JsonDocument.Parse(await clients[turn % clients.Count].QueryTextAsync(logId, "counter", after: head));
                var count = answer.RootElement.GetProperty("count").GetInt64();
                Assert.True(count >= head, $"query?after={head} on log {logId} counted {count}");
            }
        }
    }
}
