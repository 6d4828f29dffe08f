using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Primatomic.Functions.Logs.Waiting;
using Primatomic.Tests.Infrastructure;

namespace Primatomic.Tests.Logs;

/// <summary>The cap on concurrent long-polls per tenant: beyond it 429 with Retry-After; other tenants still wait.</summary>
public sealed class LongPollLimitTests : TenantApiTests
{
    private const int Cap = 3;

    protected override IReadOnlyDictionary<string, string?>? Settings => new Dictionary<string, string?>
    {
        ["Logs:MaxWaitsPerTenant"] = Cap.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    [Fact]
    public async Task Long_polls_beyond_the_tenant_cap_answer_429_and_other_tenants_still_wait()
    {
        var logId = await Client.CreateLogAsync();
        var watchers = Api.Services.GetRequiredService<HeadWatchers>();
        var held = Enumerable.Range(0, Cap).Select(_ => Client.GetAsync(LogsHttp.Path($"/logs/{logId}/events?wait=30"))).ToList();
        await LongPollTests.WaitUntilAsync(() => watchers.OpenWaits == Cap, TimeSpan.FromSeconds(10));

        using var refused = await Client.GetAsync(LogsHttp.Path($"/logs/{logId}/events?wait=30"));
        await refused.AssertProblemAsync(HttpStatusCode.TooManyRequests, "RATE_LIMITED");
        Assert.NotNull(refused.Headers.RetryAfter);

        // Reads that do not wait, and reads that find events at once, are not long-polls and are never refused.
        using var plain = await Client.GetAsync(LogsHttp.Path($"/logs/{logId}/events"));
        Assert.Equal(HttpStatusCode.OK, plain.StatusCode);

        using var other = Api.CreateClient();
        (await TestTenant.RegisterAsync(other)).Authorize(other);
        var otherLog = await other.CreateLogAsync();
        var otherWait = other.GetAsync(LogsHttp.Path($"/logs/{otherLog}/events?wait=30"));
        await LongPollTests.WaitUntilAsync(() => watchers.OpenWaits == Cap + 1, TimeSpan.FromSeconds(10));
        await other.AppendOkAsync(otherLog, [1]);
        using (var answer = await otherWait)
        {
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        }

        await Client.AppendOkAsync(logId, [1]);
        foreach (var response in await Task.WhenAll(held))
        {
            using (response)
            {
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            }
        }

        // The slots are given back: a new long-poll is admitted again and times out empty.
        using var again = await Client.GetAsync(LogsHttp.Path($"/logs/{logId}/events?after=1&wait=1"));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(0, (await again.ReadJsonAsync()).GetProperty("events").GetArrayLength());
    }
}
