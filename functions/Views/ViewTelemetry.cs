using System.Diagnostics;
using System.Diagnostics.Metrics;
using Primatomic.Functions.Hosting.Telemetry;
using Primatomic.Functions.Logs.Storage;

namespace Primatomic.Functions.Views;

/// <summary>
/// The views' spans and instruments. A <c>view.apply</c> span stands for one batch applied by one replica: it continues
/// the trace of the commit that delivered it, or links to the commits when a delivery merged several (Event Hubs),
/// and is a root when the replica read the batch from the log. Instruments live on the meter <c>Primatomic.Views</c>
/// (with <see cref="ViewGauges"/>); no tag names a tenant, log or view.
/// </summary>
public static class ViewTelemetry
{
    public const string SourceName = "Primatomic.Views";
    public const string MeterName = "Primatomic.Views";
    public const string ApplySpanName = "view.apply";

    private static readonly ActivitySource Source = new(SourceName);
    private static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> EventsApplied = Meter.CreateCounter<long>("primatomic.views.events_applied", "{event}",
        "Events applied by this instance's view replicas (leading or on demand).");

    private static readonly Histogram<double> QueryDuration = Meter.CreateHistogram("primatomic.views.query.duration", "s",
        "Time to answer a view query, catching up for after= included, by outcome (ok, timeout, failed).",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] });

    private static readonly Counter<long> QueryTimeouts = Meter.CreateCounter<long>("primatomic.views.query.timeouts", "{query}",
        "Queries with after= answered 503 VIEW_CATCH_UP_TIMEOUT: the replica did not reach the sequence in Views__QueryWaitTimeout.");

    internal static Activity? StartApply(ViewRecord record, IReadOnlyList<StoredEvent> batch, IReadOnlyList<ActivityContext> traces)
    {
        var span = TraceContexts.StartOnBehalfOf(Source, ApplySpanName, ActivityKind.Internal, traces);
        span?.SetTag("primatomic.log.id", record.LogId)
            .SetTag("primatomic.view.name", record.Name)
            .SetTag("primatomic.view.version", record.Version)
            .SetTag("primatomic.sequence.first", batch[0].Sequence)
            .SetTag("primatomic.sequence.last", batch[^1].Sequence)
            .SetTag("primatomic.apply.events", batch.Count)
            .SetTag("primatomic.apply.source", traces.Count > 0 ? "delivery" : "log");
        return span;
    }

    internal static void Failed(Activity? span, long sequence) =>
        span?.SetStatus(ActivityStatusCode.Error, $"the view failed at sequence {sequence}");

    internal static void Applied(int events)
    {
        if (events > 0)
        {
            EventsApplied.Add(events);
        }
    }

    public const string QueryOk = "ok";
    public const string QueryTimeout = "timeout";
    public const string QueryFailed = "failed";

    internal static void Queried(long started, string outcome) =>
        QueryDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, new KeyValuePair<string, object?>("primatomic.query.outcome", outcome));

    internal static void QueryTimedOut() => QueryTimeouts.Add(1);
}
