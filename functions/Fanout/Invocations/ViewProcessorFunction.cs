using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Primatomic.Functions.Hosting.Telemetry;
using Primatomic.Functions.Logs.Storage;
using Primatomic.Functions.Views;

namespace Primatomic.Functions.Fanout.Invocations;

/// <summary>
/// The <c>ViewProcessor</c> function: events from Event Hubs, handed to this process's replicas of their logs. They are
/// hints with data, not trusted for order: a replica applies what continues at processed + 1, skips what it has, and
/// reads holes from the log. A reference (an event too large to publish) makes the replicas catch up from the log.
/// </summary>
public static partial class ViewProcessorFunction
{
    public const string Name = "ViewProcessor";

    /// <summary>A batch of up to 1 MB publications arrives base64-encoded; allow a generous trigger batch of them.</summary>
    public const long MaxInvocationBytes = 64L * 1024 * 1024;

    public static async Task<IResult> InvokeAsync(HttpContext http, ViewReplicas replicas, FanoutMetrics metrics, ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        var invocationId = HostInvocation.Check(http);
        var logger = loggers.CreateLogger(typeof(ViewProcessorFunction));
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxInvocationBytes;
        }

        EventHubInvocation.Contents contents;
        try
        {
            using var document = await JsonDocument.ParseAsync(http.Request.Body, cancellationToken: cancellationToken);
            contents = EventHubInvocation.Read(document.RootElement);
        }
        catch (JsonException)
        {
            contents = new EventHubInvocation.Contents([], ["the invocation body is not JSON"], null);
        }

        foreach (var problem in contents.Problems)
        {
            metrics.AddMalformed();
            LogSkipped(logger, invocationId, problem);
        }

        var received = 0;
        foreach (var log in contents.Messages.GroupBy(m => m.LogId, StringComparer.Ordinal))
        {
            var events = log.SelectMany(m => m.Events).ToList();
            received += events.Count;
            var inline = events.Where(e => !e.IsReference).Select(e => new StoredEvent(e.Sequence, e.Data!, e.AppendedAt ?? DateTimeOffset.UnixEpoch)).ToList();
            if (inline.Count > 0)
            {
                replicas.Deliver(log.Key, inline, TraceContexts.Merge(log.SelectMany(m => m.Traces ?? [])));
            }

            if (events.Where(e => e.IsReference).Select(e => e.Sequence).DefaultIfEmpty().Max() is var referenced and > 0)
            {
                try
                {
                    await Task.WhenAll(replicas.Of(log.Key).Select(r => r.CatchUpAsync(referenced, cancellationToken)));
                }
#pragma warning disable CA1031 // A storage hiccup here is covered by the leader's poll and the sweeper; the invocation still succeeds.
                catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
                {
                    LogCatchUpFailed(logger, ex, invocationId, log.Key);
                }
            }
        }

        metrics.AddReceived(received);
        var summary = $"ViewProcessor: {received} events of {contents.Messages.Select(m => m.LogId).Distinct().Count()} logs from partition {contents.PartitionId ?? "?"}, {contents.Problems.Count} skipped";
        LogInvocation(logger, invocationId, summary);
        return HostInvocation.Completed([summary, .. contents.Problems.Take(10)]);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Invocation {InvocationId}: skipped an unreadable item: {Problem}")]
    private static partial void LogSkipped(ILogger logger, string invocationId, string problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Invocation {InvocationId}: catching up log {LogId} for a referenced event failed")]
    private static partial void LogCatchUpFailed(ILogger logger, Exception exception, string invocationId, string logId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Invocation {InvocationId}: {Summary}")]
    private static partial void LogInvocation(ILogger logger, string invocationId, string summary);
}
