using System.Diagnostics;
using System.Threading.Channels;
using Primatomic.Functions.Hosting.Telemetry;
using Primatomic.Functions.Logs;
using Primatomic.Functions.Logs.Storage;

namespace Primatomic.Functions.Fanout.EventHubs;

/// <summary>
/// Publishes every commit of this process to Event Hubs. The commit path only enqueues (bounded in commits and in
/// bytes; when full the commit is dropped and counted: the leader's head poll and the sweeper still bring views there). A background sender
/// drains what accumulated, so concurrent commits go out together: one REST batch per log (partition key), logs in
/// parallel, each log's publications in order.
/// </summary>
public sealed partial class EventHubsPublisher(CommitSignals signals, LogCatalog catalog, EventHubsClient client, FanoutMetrics metrics,
    ILogger<EventHubsPublisher> logger) : BackgroundService
{
    public const int QueueCapacity = 10_000;

    /// <summary>Commits can be megabytes each: a slow or throttled hub must not turn the queue into the process's memory.</summary>
    public const long MaxQueuedBytes = 64L * 1024 * 1024;
    private const int MaxDrain = 1_000;
    private const int MaxParallelLogs = 16;
    private static readonly TimeSpan SummaryInterval = TimeSpan.FromMinutes(1);

    private readonly Channel<Commit> _queue = Channel.CreateBounded<Commit>(new BoundedChannelOptions(QueueCapacity)
    {
        FullMode = BoundedChannelFullMode.Wait, // never waits: TryWrite answers false instead, and we count the drop
        SingleReader = true,
    });

    private readonly Stopwatch _sinceSummary = Stopwatch.StartNew();
    private long _dropLoggedAt = long.MinValue / 2; // "long ago", without overflowing now - last
    private long _queuedBytes;
    private string _lastSummary = "";

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        signals.Subscribe(Enqueue);
        return base.StartAsync(cancellationToken);
    }

    /// <summary>On the writer's path, before the append is answered: quick and never throws.</summary>
    private void Enqueue(string logId, IReadOnlyList<StoredEvent> events, ActivityContext trace)
    {
        var bytes = Bytes(events);
        if (Interlocked.Add(ref _queuedBytes, bytes) <= MaxQueuedBytes
            && _queue.Writer.TryWrite(new Commit(catalog.TenantOf(logId), logId, events, bytes, trace)))
        {
            return;
        }

        Interlocked.Add(ref _queuedBytes, -bytes);

        metrics.AddDropped(events.Count);
        var now = Environment.TickCount64;
        var last = Interlocked.Read(ref _dropLoggedAt);
        if (now - last >= (long)SummaryInterval.TotalMilliseconds && Interlocked.CompareExchange(ref _dropLoggedAt, now, last) == last)
        {
            LogDropped(logger, QueueCapacity, metrics.Dropped);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var drained = new List<Commit>();
        try
        {
            while (await _queue.Reader.WaitToReadAsync(stoppingToken))
            {
                drained.Clear();
                while (drained.Count < MaxDrain && _queue.Reader.TryRead(out var commit))
                {
                    drained.Add(commit);
                    Interlocked.Add(ref _queuedBytes, -commit.Bytes);
                }

                var logs = drained.GroupBy(c => c.LogId, StringComparer.Ordinal)
                    .Select(g => (LogId: g.Key, Tenant: g.Select(c => c.TenantId).FirstOrDefault(t => t is not null), Events: g.SelectMany(c => c.Events).ToList(),
                        Traces: g.Where(c => c.Events.Count > 0 && TraceContexts.IsSet(c.Trace))
                            .Select(c => new CommitTrace(c.Events[0].Sequence, c.Events[^1].Sequence, c.Trace)).ToList()));
                await Parallel.ForEachAsync(logs, new ParallelOptions { MaxDegreeOfParallelism = MaxParallelLogs, CancellationToken = stoppingToken },
                    async (log, cancellationToken) => await PublishAsync(log.Tenant, log.LogId, log.Events, log.Traces, cancellationToken));
                LogSummaryIfDue();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }

        // Shutting down: what is still queued is not published (the log has it); count it so the numbers add up.
        while (_queue.Reader.TryRead(out var left))
        {
            metrics.AddDropped(left.Events.Count);
        }

        LogSummary(logger, metrics);
    }

    private async Task PublishAsync(string? tenantId, string logId, List<StoredEvent> events, List<CommitTrace> traces, CancellationToken cancellationToken)
    {
        foreach (var publication in Publication.Build(tenantId, logId, events, traces))
        {
            using var span = FanoutTelemetry.StartPublish(logId, publication.Events, publication.Traces);
            var sent = await client.SendAsync(publication, cancellationToken);
            span?.SetStatus(sent ? ActivityStatusCode.Unset : ActivityStatusCode.Error, sent ? null : "the publication failed after retries");
            if (sent)
            {
                metrics.AddPublished(publication.Events);
                metrics.AddReferences(publication.References);
            }
            else
            {
                metrics.AddFailed(publication.Events);
            }
        }
    }

    private void LogSummaryIfDue()
    {
        if (_sinceSummary.Elapsed < SummaryInterval)
        {
            return;
        }

        _sinceSummary.Restart();
        var summary = metrics.ToString();
        if (summary != _lastSummary)
        {
            _lastSummary = summary;
            LogSummary(logger, metrics);
        }
    }

    private static long Bytes(IReadOnlyList<StoredEvent> events)
    {
        long bytes = 0;
        foreach (var stored in events)
        {
            bytes += stored.Data.Length;
        }

        return bytes;
    }

    private sealed record Commit(string? TenantId, string LogId, IReadOnlyList<StoredEvent> Events, long Bytes, ActivityContext Trace);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The Event Hubs publish queue is full ({Capacity} commits or 64 MiB); dropping commits (log and sweeper cover them), {Dropped} events dropped so far")]
    private static partial void LogDropped(ILogger logger, int capacity, long dropped);

    [LoggerMessage(Level = LogLevel.Information, Message = "Fan-out: {Counters}")]
    private static partial void LogSummary(ILogger logger, FanoutMetrics counters);
}
