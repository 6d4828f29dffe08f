using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Primatomic.Functions.Logs.Waiting;
using Primatomic.Tests.Infrastructure;

namespace Primatomic.Tests.Logs;

/// <summary>Logs__MaxWaitsPerInstance: past the instance's cap any tenant's new long-poll is 429 with Retry-After.</summary>
public sealed class LongPollInstanceLimitTests : TenantApiTests
{
    protected override IReadOnlyDictionary<string, string?>? Settings => new Dictionary<string, string?> { ["Logs:MaxWaitsPerInstance"] = "2" };

    [Fact]
    public async Task Long_polls_beyond_the_instance_cap_answer_429_whatever_the_tenant()
    {
        var logId = await Client.CreateLogAsync();
        var watchers = Api.Services.GetRequiredService<HeadWatchers>();
        var held = Enumerable.Range(0, 2).Select(_ => Client.GetAsync(LogsHttp.Path($"/logs/{logId}/events?wait=30"))).ToList();
        await LongPollTests.WaitUntilAsync(() => watchers.OpenWaits == 2, TimeSpan.FromSeconds(10));

        using var other = Api.CreateClient();
        (await TestTenant.RegisterAsync(other)).Authorize(other);
        var otherLog = await other.CreateLogAsync();
        using (var refused = await other.GetAsync(LogsHttp.Path($"/logs/{otherLog}/events?wait=30")))
        {
            await refused.AssertProblemAsync(HttpStatusCode.TooManyRequests, "RATE_LIMITED");
            Assert.NotNull(refused.Headers.RetryAfter);
        }

        await Client.AppendOkAsync(logId, [1]);
        foreach (var response in await Task.WhenAll(held))
        {
            using (response)
            {
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            }
        }

        await LongPollTests.WaitUntilAsync(() => watchers.OpenWaits == 0, TimeSpan.FromSeconds(5));
    }
}
