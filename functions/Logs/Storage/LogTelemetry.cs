using System.Diagnostics;
using System.Diagnostics.Metrics;
using Primatomic.Functions.Hosting.Telemetry;

namespace Primatomic.Functions.Logs.Storage;

/// <summary>
/// The log's spans and instruments. A <c>log.commit</c> span stands for one group commit to Table storage: the child
/// of the first append's request span, linked to the others of its group. Instruments live on the meter
/// <c>Primatomic.Logs</c> (with <see cref="LogStorageCounters"/>'); no tag names a tenant or a log.
/// </summary>
public static class LogTelemetry
{
    public const string SourceName = "Primatomic.Logs";
    public const string MeterName = "Primatomic.Logs";
    public const string CommitSpanName = "log.commit";

    internal static readonly ActivitySource Source = new(SourceName);
    internal static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> Appends = Meter.CreateCounter<long>("primatomic.logs.appends", "{request}",
        "Append and append-batch calls answered, by outcome (appended, sequence_mismatch, key_reused, unavailable).");

    private static readonly Histogram<double> CommitDuration = Meter.CreateHistogram("primatomic.logs.commit.duration", "s",
        "Time from a group commit's first attempt to its answer, retries included, by outcome (committed, rejected, gave_up).",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 10, 30, 60] });

    private static readonly Histogram<long> CommitEvents = Meter.CreateHistogram("primatomic.logs.commit.events", "{event}",
        "Events stored by one landed group commit (one Table transaction).",
        advice: new InstrumentAdvice<long> { HistogramBucketBoundaries = [1, 2, 5, 10, 25, 50, 100, 250, 500, 1000] });

    private static readonly Counter<long> Conflicts = Meter.CreateCounter<long>("primatomic.logs.commit.conflicts", "{conflict}",
        "Commit attempts that lost the race for the log's head to another writer (412 or 409) and were retried.");

    internal static void Answered(AppendStatus status) =>
        Appends.Add(1, new KeyValuePair<string, object?>("primatomic.append.outcome", status switch
        {
            AppendStatus.Appended => "appended",
            AppendStatus.SequenceMismatch => "sequence_mismatch",
            AppendStatus.KeyReused => "key_reused",
            _ => "unavailable",
        }));

    internal static void Conflicted() => Conflicts.Add(1);

    /// <summary>
    /// Starts the span of one group's commit, or returns null when nobody samples it. The parent is the first
    /// append's context (so its request's trace shows the commit); the rest of the group are links.
    /// </summary>
    internal static Activity? StartCommit(string logId, List<PendingAppend> group)
    {
        if (!Source.HasListeners())
        {
            return null;
        }

        var links = TraceContexts.Merge(group.Skip(1).Select(item => item.Trace));
        var span = Source.StartActivity(CommitSpanName, ActivityKind.Internal, group[0].Trace, links: TraceContexts.Links(links));
        span?.SetTag("primatomic.log.id", logId)
            .SetTag("primatomic.commit.appends", group.Count)
            .SetTag("primatomic.commit.events", group.Sum(item => item.Events.Count));
        return span;
    }

    /// <summary>Ends a group: the span's outcome and attempts, the duration and (when stored) the events per commit.</summary>
    internal static void Finished(Activity? span, string outcome, long started, int attempts, int conflicts, CommitAttempt? landed)
    {
        CommitDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, new KeyValuePair<string, object?>("primatomic.commit.outcome", outcome));
        var stored = landed is { Accepted.Count: > 0 } ? landed.Last - landed.BaseHead.Head : 0;
        if (stored > 0)
        {
            CommitEvents.Record(stored);
        }

        if (span is null)
        {
            return;
        }

        span.SetTag("primatomic.commit.outcome", outcome)
            .SetTag("primatomic.commit.attempts", attempts)
            .SetTag("primatomic.commit.conflicts", conflicts);
        if (stored > 0)
        {
            span.SetTag("primatomic.sequence.first", landed!.BaseHead.Head + 1).SetTag("primatomic.sequence.last", landed.Last);
        }

        if (outcome == GaveUp)
        {
            span.SetStatus(ActivityStatusCode.Error, "storage did not confirm the commit within its budget");
        }
    }

    public const string Committed = "committed";
    public const string Rejected = "rejected";
    public const string GaveUp = "gave_up";
}
