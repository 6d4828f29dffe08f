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
        await Task.WhenAll(Enumerable.Range(0, 100).Select(i => neighbourClient.CreateLogAsync($"few-{i:D3}")));

        // The same load on a tenant with one page of logs, in the same run: the bound is a ratio to it, so a busy
        // machine slows both alike. Before paging, the 3,000-log listings were ~30 times the one-page ones.
        var (onePage, appendsBeside) = await ListWhileAppendingAsync(neighbourClient, neighbourClient, neighbourLog);
        var (thousands, appends) = await ListWhileAppendingAsync(Client, neighbourClient, neighbourLog);

        Assert.True(thousands < onePage * 4 + TimeSpan.FromSeconds(1),
            $"slowest of ten concurrent listings took {thousands}; over one page of logs {onePage}");
        Assert.True(appends < appendsBeside * 4 + TimeSpan.FromSeconds(1),
            $"another tenant's append waited {appends} beside the big listings; {appendsBeside} beside one-page ones");
    }

    /// <summary>The slowest of ten concurrent first-page listings by <paramref name="lister"/>, and the slowest append meanwhile.</summary>
    private static async Task<(TimeSpan Listing, TimeSpan Append)> ListWhileAppendingAsync(HttpClient lister, HttpClient appender, string logId)
    {
        var listings = Enumerable.Range(0, 10).Select(_ => TimedAsync(async () =>
        {
            using var response = await lister.GetAsync(LogsHttp.Path("/logs"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(100, (await response.ReadJsonAsync()).GetProperty("logs").GetArrayLength());
        })).ToList();
        var appends = new List<TimeSpan>();
        while (!listings.All(listing => listing.IsCompleted))
        {
            appends.Add(await TimedAsync(() => appender.AppendOkAsync(logId, [1])));
        }

        return ((await Task.WhenAll(listings)).Max(), appends.Count == 0 ? TimeSpan.Zero : appends.Max());
    }

    private static async Task<TimeSpan> TimedAsync(Func<Task> action)
    {
        var clock = Stopwatch.StartNew();
        await action();
        return clock.Elapsed;
    }
}
