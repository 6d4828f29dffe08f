using System.Diagnostics;
using Primatomic.Tests.Infrastructure;
using Primatomic.Tests.Logs;

namespace Primatomic.Tests.Views;

/// <summary>Isolation: views that are slow but within budget, more of them than the service has view threads, do not hold another tenant's reads.</summary>
[Collection(nameof(RunsAlone))]
[Trait("Category", "EndToEnd")]
public sealed class ViewThreadsIsolationTests : TenantApiTests
{
    private const int Views = 12;

    [Fact]
    public async Task Slow_views_catching_up_do_not_hold_another_tenants_read_after_write()
    {
        var neighbour = Api.CreateClient();
        (await TestTenant.RegisterAsync(neighbour)).Authorize(neighbour);
        var theirs = await neighbour.CreateLogAsync();
        await neighbour.DeployOkAsync(theirs, "counter", WatFixtures.Binary("counter"));
        await neighbour.QueryTextAsync(theirs, "counter", after: await neighbour.AppendManyAsync(theirs, 3)); // warm

        // Twelve slow views (about a millisecond of work per event, within budget) on one log, far more than view threads.
        var slowLog = await Client.CreateLogAsync();
        for (var i = 0; i < Views; i++)
        {
            await Client.DeployOkAsync(slowLog, $"slow{i}", WatFixtures.Binary("slow_events"));
        }

        var last = await Client.AppendManyAsync(slowLog, 400);
        var caughtUp = Task.WhenAll(Enumerable.Range(0, Views).Select(i => Client.QueryTextAsync(slowLog, $"slow{i}", after: last)));

        var latencies = new List<double>();
        while (!caughtUp.IsCompleted)
        {
            var clock = Stopwatch.StartNew();
            var sequence = await neighbour.AppendManyAsync(theirs, 1);
            Assert.Equal($"{{\"count\":{sequence}}}", await neighbour.QueryTextAsync(theirs, "counter", after: sequence));
            latencies.Add(clock.Elapsed.TotalMilliseconds);

        }

        Assert.All(await caughtUp, answer => Assert.Equal("{\"count\":400}", answer));
        latencies.Sort();
        double Percentile(double p) => latencies[(int)Math.Ceiling(latencies.Count * p) - 1];
        Assert.True(latencies.Count >= 10, $"only {latencies.Count} rounds ran while the slow views caught up");
        // p95, not p99: the rounds include an append to the local Azurite, whose occasional pause (it persists its
        // tables every few seconds) is not what this measures. On the thread pool, p95 was ~140 ms; here ~30 ms.
        Assert.True(Percentile(0.95) < 75, $"the neighbour's append + query?after p95 was {Percentile(0.95):0.0} ms (p99 {Percentile(0.99):0.0}) over "
            + $"{latencies.Count} rounds; the slowest: " + string.Join(' ', latencies.TakeLast(10).Select(l => l.ToString("0", System.Globalization.CultureInfo.InvariantCulture))));
    }
}
