using System.Net;
using Primatomic.Functions.Logs.Storage;
using Primatomic.Tests.Infrastructure;
using Primatomic.Tests.Logs;
using Primatomic.Tests.Views;
using static Primatomic.Tests.Fanout.HostInvocations;

namespace Primatomic.Tests.Fanout;

/// <summary>
/// Acceptance 2, receiving: invocations in the host's shapes POSTed to the running handler's /ViewProcessor and
/// /ViewSweeper. The events are appended by another EventLog (as another instance would), so the handler learns of
/// them only from the invocation; its follow poll is set so long that it never looks by itself.
/// </summary>
public sealed class HostInvocationTests(InvocationHandlerFixture handler) : IClassFixture<InvocationHandlerFixture>, IAsyncLifetime
{
    private HttpClient _client = null!;
    private EventLog _otherInstance = null!;
    private string _logId = null!;

    public async Task InitializeAsync()
    {
        _client = handler.Service.CreateClient();
        handler.Tenant.Authorize(_client);
        _otherInstance = handler.OtherInstance();
        _logId = await _client.CreateLogAsync();
        await _client.DeployOkAsync(_logId, "counter", WatFixtures.Binary("counter"));
        await _client.WaitForLeaderAsync(_logId, "counter");
        // The new leader's first pass reads the head, possibly after a test has appended elsewhere. A sweep returns
        // only once a pass has finished, so from here on only invocations move the view.
        AssertCompleted(await InvokeAsync(_client, "ViewSweeper", Timer()));
    }

    public async Task DisposeAsync()
    {
        await _otherInstance.DisposeAsync();
        _client.Dispose();
    }

    private async Task AppendElsewhereAsync(int count)
    {
        var outcome = await _otherInstance.AppendAsync(_logId, [.. Enumerable.Range(0, count).Select(i => "{\"elsewhere\":true}"u8.ToArray())]);
        Assert.Equal(AppendStatus.Appended, outcome.Status);
    }

    /// <summary>
    /// The events are in the log and this instance reads them there (stats reads the head from storage), yet nothing
    /// but an invocation may move the view: it is still at 0.
    /// </summary>
    private async Task AssertSeenButNotAppliedAsync(long head)
    {
        var stats = await _client.StatsAsync(_logId, "counter");
        Assert.Equal(head, stats.GetProperty("head_sequence").GetInt64());
        Assert.Equal(0, stats.GetProperty("processed_sequence").GetInt64());
    }

    private async Task<long> ProcessedAsync() => (await _client.StatsAsync(_logId, "counter")).GetProperty("processed_sequence").GetInt64();

    private async Task WaitProcessedAsync(long sequence)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (await ProcessedAsync() < sequence)
        {
            Assert.True(DateTime.UtcNow < deadline, $"the view did not reach {sequence}; it is at {await ProcessedAsync()}");
            await Task.Delay(20);
        }
    }

    private async Task<string> CountAsync() => await _client.QueryTextAsync(_logId, "counter");

    [Fact]
    public async Task Every_host_encoding_of_event_hub_bodies_feeds_the_view()
    {
        await AppendElsewhereAsync(8);
        await AssertSeenButNotAppliedAsync(8);

        var encodings = Enum.GetValues<BodyEncoding>();
        for (var i = 0; i < encodings.Length; i++)
        {
            var (first, second) = (2L * i + 1, 2L * i + 2);
            var payload = EventHub(encodings[i], Message(_logId, Event(first)), Message(_logId, Event(second)));
            AssertCompleted(await InvokeAsync(_client, "ViewProcessor", payload));
            await WaitProcessedAsync(second);
        }

        Assert.Equal("{\"count\":8}", await CountAsync());
    }

    [Fact]
    public async Task Duplicates_are_skipped_out_of_order_events_are_sorted_and_holes_are_read_from_the_log()
    {
        await AppendElsewhereAsync(6);

        // 3 and 4 arrive first: 1 and 2 are a hole, read from the log.
        AssertCompleted(await InvokeAsync(_client, "ViewProcessor", EventHub(BodyEncoding.BinaryInString, Message(_logId, Event(3), Event(4)))));
        await WaitProcessedAsync(4);
        // Everything again, then 6 before 5, in one invocation.
        AssertCompleted(await InvokeAsync(_client, "ViewProcessor", EventHub(BodyEncoding.BinaryInString,
            Message(_logId, Event(1), Event(2), Event(3), Event(4)), Message(_logId, Event(6)), Message(_logId, Event(5)), Message(_logId, Event(4)))));
        await WaitProcessedAsync(6);

        Assert.Equal("{\"count\":6}", await CountAsync());
        Assert.Equal(6, (await _client.StatsAsync(_logId, "counter")).GetProperty("events_applied").GetInt64());
    }

    [Fact]
    public async Task A_reference_makes_the_view_read_the_event_from_the_log()
    {
        await AppendElsewhereAsync(2);
        AssertCompleted(await InvokeAsync(_client, "ViewProcessor", EventHub(BodyEncoding.BinaryArray, Message(_logId, (2, null)))));
        Assert.Equal(2, await ProcessedAsync());
        Assert.Equal("{\"count\":2}", await CountAsync());
    }

    [Fact]
    public async Task Malformed_items_are_skipped_and_the_rest_is_applied()
    {
        await AppendElsewhereAsync(1);
        var bodies = new[]
        {
            "not json at all"u8.ToArray(),
            "{\"log_id\":\"not-a-log\",\"events\":[]}"u8.ToArray(),
            "{\"log_id\":\"00000000-0000-0000-0000-000000000001\",\"events\":[{\"sequence\":-4}]}"u8.ToArray(),
            Message(_logId, Event(1)).ToJson(),
        };
        var answer = AssertCompleted(await InvokeAsync(_client, "ViewProcessor", EventHub(BodyEncoding.BinaryInString, bodies)));
        Assert.Contains("3 skipped", answer.GetProperty("Logs")[0].GetString(), StringComparison.Ordinal);
        await WaitProcessedAsync(1);

        AssertCompleted(await InvokeAsync(_client, "ViewProcessor", "{\"Data\":"));
        AssertCompleted(await InvokeAsync(_client, "ViewProcessor", "{\"Data\":{\"events\":42}}"));
        AssertCompleted(await InvokeAsync(_client, "ViewProcessor", "[]"));
        Assert.Equal("{\"count\":1}", await CountAsync());
    }

    [Fact]
    public async Task A_lost_notification_is_healed_by_the_sweeper_which_also_writes_the_due_checkpoint()
    {
        await AppendElsewhereAsync(5);
        await AssertSeenButNotAppliedAsync(5);

        var answer = AssertCompleted(await InvokeAsync(_client, "ViewSweeper", Timer()));

        Assert.Contains("ViewSweeper: swept", answer.GetProperty("Logs")[0].GetString(), StringComparison.Ordinal);
        var stats = await _client.StatsAsync(_logId, "counter");
        Assert.Equal(5, stats.GetProperty("processed_sequence").GetInt64());
        Assert.Equal(5, stats.GetProperty("checkpoint_sequence").GetInt64());
        Assert.Equal("{\"count\":5}", await CountAsync());
    }

    [Fact]
    public async Task An_invocation_without_the_host_header_is_refused_and_changes_nothing()
    {
        await AppendElsewhereAsync(1);
        var forged = EventHub(BodyEncoding.BinaryArray, Message(_logId, Event(1)));
        Assert.Equal(HttpStatusCode.Forbidden, (await InvokeAsync(_client, "ViewProcessor", forged, asHost: false)).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await InvokeAsync(_client, "ViewSweeper", Timer(), asHost: false)).Status);
        await AssertSeenButNotAppliedAsync(1);
    }
}
