using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Primatomic.Functions.Logs.Waiting;
using Primatomic.Testing;
using Primatomic.Tests.Infrastructure;

namespace Primatomic.Tests.Logs;

/// <summary>
/// Long-polls (<c>events?wait=</c>) through a storage proxy that counts requests: idle waiters cost one poller per
/// log, not one per waiter; a commit wakes them all.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class LongPollTests : TenantApiTests
{
    private const int Waiters = 200;
    private StorageFaultProxy _proxy = null!;

    protected override IReadOnlyDictionary<string, string?>? Settings => new Dictionary<string, string?>
    {
        ["AzureWebJobsStorage"] = _proxy.ConnectionString,
        ["Logs:MaxWaitsPerTenant"] = Waiters.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    public override async Task InitializeAsync()
    {
        _proxy = await StorageFaultProxy.StartAsync(await SharedAzurite.GetAsync());
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _proxy.DisposeAsync();
    }

    [Fact]
    public async Task Idle_long_polls_on_one_log_share_one_poller_and_one_commit_wakes_them_all()
    {
        var logId = await Client.CreateLogAsync();
        var watchers = Api.Services.GetRequiredService<HeadWatchers>();
        var polls = Enumerable.Range(0, Waiters)
            .Select(_ => Client.GetAsync(LogsHttp.Path($"/logs/{logId}/events?after=0&wait=30")))
            .ToList();
        await WaitUntilAsync(() => watchers.OpenWaits == Waiters, TimeSpan.FromSeconds(20));

        // Idle: storage sees about one head read per poll interval (5/s) plus background work, not 200 readers' worth.
        // Time how long storage takes to see 10 more requests: 200 readers would need a fraction of a second.
        // Only the events table counts: view placement's heartbeats, leases and catalogue polls are not the readers'.
        const int Sample = 10;
        _proxy.Counts = request => request.Path.Value?.Contains("events", StringComparison.Ordinal) == true;
        var before = _proxy.Counted;
        var clock = Stopwatch.StartNew();
        await WaitUntilAsync(() => _proxy.Counted - before >= Sample, TimeSpan.FromSeconds(20));
        var perSecond = Sample / clock.Elapsed.TotalSeconds;
        Assert.True(perSecond < 30, $"{perSecond:F0} storage requests/s with {Waiters} idle long-polls");
        Assert.Equal(1, watchers.ActiveWatches);

        var appended = Stopwatch.StartNew();
        await Client.AppendOkAsync(logId, [7]);
        var answers = await Task.WhenAll(polls);
        Assert.True(appended.Elapsed < TimeSpan.FromSeconds(5), $"woken after {appended.Elapsed}");
        foreach (var answer in answers)
        {
            using (answer)
            {
                Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
                var events = (await answer.ReadJsonAsync()).GetProperty("events");
                Assert.Equal(1, events.GetArrayLength());
            }
        }

        await WaitUntilAsync(() => watchers.ActiveWatches == 0 && watchers.OpenWaits == 0, TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task A_long_poll_that_ends_while_storage_is_down_answers_503_not_an_empty_page()
    {
        var logId = await Client.CreateLogAsync();
        var watchers = Api.Services.GetRequiredService<HeadWatchers>();
        var poll = Client.GetAsync(LogsHttp.Path($"/logs/{logId}/events?after=0&wait=2"));
        await WaitUntilAsync(() => watchers.OpenWaits == 1, TimeSpan.FromSeconds(10));
        _proxy.Down = true;
        try
        {
            using var answer = await poll;
            await answer.AssertProblemAsync(HttpStatusCode.ServiceUnavailable, "SERVICE_UNAVAILABLE");
            Assert.NotNull(answer.Headers.RetryAfter);
        }
        finally
        {
            _proxy.Down = false;
        }
    }

    internal static async Task WaitUntilAsync(Func<bool> condition, TimeSpan within)
    {
        var deadline = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(deadline.Elapsed < within, "condition not reached in time");
            await Task.Delay(20);
        }
    }
}
