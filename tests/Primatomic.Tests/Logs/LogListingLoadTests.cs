using System.Diagnostics;
using System.Net;
using Primatomic.Tests.Infrastructure;

namespace Primatomic.Tests.Logs;

/// <summary>
/// GET /logs on a tenant with thousands of logs costs one page, not every log's head: it stays fast, and ten of them
/// at once do not stall another tenant (before paging, 3,000 logs took 1.5 s a call and ten calls stalled others 5 s).
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class LogListingLoadTests : TenantApiTests
{
    private const int Logs = 3000;

    [Fact]
    public async Task Listing_a_tenant_with_thousands_of_logs_is_fast_and_does_not_stall_another_tenant()
    {
        // Sixteen creators at once: creates in one tenant take turns on its log count, and each still gets its 201.
        await Task.WhenAll(Enumerable.Range(0, 16).Select(async creator =>
        {
            for (var i = creator; i < Logs; i += 16)
            {
                await Client.CreateLogAsync($"many-{i:D5}");
            }
        }));

        using var neighbourClient = Api.CreateClient();
        (await TestTenant.RegisterAsync(neighbourClient)).Authorize(neighbourClient);
        var neighbourLog = await neighbourClient.CreateLogAsync();

        var listings = Enumerable.Range(0, 10).Select(_ => TimedAsync(async () =>
        {
            using var response = await Client.GetAsync(LogsHttp.Path("/logs"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(100, (await response.ReadJsonAsync()).GetProperty("logs").GetArrayLength());
        })).ToList();
        var appends = new List<TimeSpan>();
        while (!listings.All(listing => listing.IsCompleted))
        {
            appends.Add(await TimedAsync(() => neighbourClient.AppendOkAsync(neighbourLog, [1])));
        }

        var slowestListing = (await Task.WhenAll(listings)).Max();
        Assert.True(slowestListing < TimeSpan.FromSeconds(2), $"slowest of ten concurrent listings took {slowestListing}");
        Assert.True(appends.Max() < TimeSpan.FromSeconds(2), $"another tenant's append waited {appends.Max()}");
    }

    private static async Task<TimeSpan> TimedAsync(Func<Task> action)
    {
        var clock = Stopwatch.StartNew();
        await action();
        return clock.Elapsed;
    }
}
