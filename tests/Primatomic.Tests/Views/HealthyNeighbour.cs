using System.Diagnostics;
using Primatomic.Tests.Infrastructure;
using Primatomic.Tests.Logs;

namespace Primatomic.Tests.Views;

/// <summary>Another tenant's counter on the same service, to show that a hostile tenant does not disturb it.</summary>
internal sealed class HealthyNeighbour(HttpClient client, string logId)
{
    public static async Task<HealthyNeighbour> StartAsync(ApiFactory api)
    {
        var client = api.CreateClient();
        (await TestTenant.RegisterAsync(client)).Authorize(client);
        var logId = await client.CreateLogAsync();
        await client.DeployOkAsync(logId, "counter", WatFixtures.Binary("counter"));
        return new HealthyNeighbour(client, logId);
    }

    /// <summary>Appends and reads its own write back, within <paramref name="within"/> (default 1 s).</summary>
    public async Task AssertAnswersAsync(TimeSpan? within = null)
    {
        var clock = Stopwatch.StartNew();
        var last = await client.AppendManyAsync(logId, 3);
        Assert.Equal($"{{\"count\":{last}}}", await client.QueryTextAsync(logId, "counter", after: last));
        Assert.True(clock.Elapsed < (within ?? TimeSpan.FromSeconds(1)), $"the neighbour took {clock.Elapsed.TotalMilliseconds:0} ms");
    }

    /// <summary>Its view has a leader (waits for one, as right after a deploy).</summary>
    public async Task AssertLedAsync() => await client.WaitForLeaderAsync(logId, "counter", TimeSpan.FromSeconds(10));
}
