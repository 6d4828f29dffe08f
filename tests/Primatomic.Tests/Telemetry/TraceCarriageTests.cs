using System.Diagnostics;
using System.Text.Json;
using Primatomic.Functions.Fanout;
using Primatomic.Functions.Fanout.EventHubs;
using Primatomic.Functions.Fanout.Invocations;
using Primatomic.Functions.Hosting.Telemetry;
using Primatomic.Functions.Logs.Storage;

namespace Primatomic.Tests.Telemetry;

/// <summary>The commits' trace contexts travel inside Event Hubs messages, so the receiving instance's applies can join their traces.</summary>
public sealed class TraceCarriageTests
{
    [Fact]
    public void Each_event_hubs_message_carries_the_traceparents_of_the_commits_whose_events_it_holds()
    {
        var logId = Guid.NewGuid().ToString("D");
        var first = Context();
        var second = Context();
        // Two commits, each larger than a message's target size: each lands in its own message.
        var events = Enumerable.Range(1, 4).Select(i => new StoredEvent(i, new byte[150_000], DateTimeOffset.UnixEpoch)).ToList();
        CommitTrace[] traces = [new(1, 2, first), new(3, 4, second)];

        var publication = Assert.Single(Publication.Build("tenant", logId, events, traces));
        var received = Receive(publication);

        Assert.Equal(events.Select(e => e.Sequence), received.SelectMany(m => m.Events).Select(e => e.Sequence));
        Assert.All(received, message => Assert.NotEmpty(message.Traces!));
        Assert.Equal([first], received.First().Traces!.Select(Local));
        Assert.Equal([second], received.Last().Traces!.Select(Local));
        Assert.Equal([first, second], publication.Traces);
    }

    [Fact]
    public void A_message_without_or_with_broken_traceparents_is_still_delivered()
    {
        var logId = Guid.NewGuid().ToString("D");
        using var broken = JsonDocument.Parse($$"""{"log_id":"{{logId}}","events":[{"sequence":1,"data":"AA=="}],"traceparents":["nonsense",7]}""");

        var message = FanoutMessage.TryParse(broken.RootElement, out var problem);

        Assert.Null(problem);
        Assert.Empty(message!.Traces!);
        Assert.Single(message.Events);
    }

    private static List<FanoutMessage> Receive(Publication publication)
    {
        // The REST batch's bodies, as the Functions host hands them to ViewProcessor (dataType string).
        using var batch = JsonDocument.Parse(publication.Body);
        var bodies = batch.RootElement.EnumerateArray().Select(item => item.GetProperty("Body").GetString()).ToList();
        using var invocation = JsonDocument.Parse(JsonSerializer.Serialize(new { Data = new { events = bodies }, Metadata = new { } }));
        var contents = EventHubInvocation.Read(invocation.RootElement);
        Assert.Empty(contents.Problems);
        return contents.Messages;
    }

    private static ActivityContext Context() =>
        new(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(), ActivityTraceFlags.Recorded);

    /// <summary>A received context is marked remote; compare it as sent.</summary>
    private static ActivityContext Local(ActivityContext received) => new(received.TraceId, received.SpanId, received.TraceFlags);

    [Fact]
    public void Traceparent_is_the_w3c_form()
    {
        var context = Context();
        Assert.Equal($"00-{context.TraceId.ToHexString()}-{context.SpanId.ToHexString()}-01", TraceContexts.ToTraceparent(context));
    }
}
