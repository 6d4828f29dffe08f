using System.Diagnostics;
using Primatomic.Functions.Hosting.Telemetry;

namespace Primatomic.Functions.Fanout;

/// <summary>
/// The fan-out's spans: <c>fanout.publish</c>, one per Event Hubs publication, continuing the trace of the commit it
/// carries (or linking to several). Its HTTP call is its child. The counters are <see cref="FanoutMetrics"/>.
/// </summary>
public static class FanoutTelemetry
{
    public const string SourceName = "Primatomic.Fanout";
    public const string PublishSpanName = "fanout.publish";

    private static readonly ActivitySource Source = new(SourceName);

    internal static Activity? StartPublish(string logId, int events, IReadOnlyList<ActivityContext> commits)
    {
        var span = TraceContexts.StartOnBehalfOf(Source, PublishSpanName, ActivityKind.Producer, commits);
        span?.SetTag("primatomic.log.id", logId)
            .SetTag("messaging.system", "eventhubs")
            .SetTag("primatomic.fanout.events", events);
        return span;
    }
}
