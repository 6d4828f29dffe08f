using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;

namespace Primatomic.Functions.Logs.Storage;

/// <summary>
/// What this process learns the moment it commits to a log: long-polling readers are woken, and subscribers (the
/// fan-out) receive the committed events. Waiting entries exist only while someone waits, and each commit removes
/// its log's entry, so memory stays bounded by the logs being tailed. The commit is already durable when these run,
/// so nothing here may turn it into an error: a subscriber that throws is logged and the others still run.
/// </summary>
public sealed partial class CommitSignals(ILogger<CommitSignals> logger)
{
    public CommitSignals()
        : this(NullLogger<CommitSignals>.Instance)
    {
    }

    private readonly ConcurrentDictionary<string, TaskCompletionSource> _waiting = new(StringComparer.Ordinal);
    private volatile Action<string, IReadOnlyList<StoredEvent>, ActivityContext>[] _subscribers = [];

    /// <summary>A task that completes at the next commit to <paramref name="logId"/>; take it before checking storage.</summary>
    public Task NextCommit(string logId) =>
        _waiting.GetOrAdd(logId, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    /// <summary>
    /// Receives every commit of this process, contiguous and in order per log, before the appends are answered.
    /// It runs on the writer's path, so it must be quick and must not throw; the log stays the source of truth.
    /// </summary>
    public void Subscribe(Action<string, IReadOnlyList<StoredEvent>> subscriber) =>
        Subscribe((logId, events, _) => subscriber(logId, events));

    /// <summary>
    /// As above, with the commit's trace context (its <c>log.commit</c> span; unset when nobody traces), which the
    /// fan-out carries on so view applies can link to the appends they apply.
    /// </summary>
    public void Subscribe(Action<string, IReadOnlyList<StoredEvent>, ActivityContext> subscriber)
    {
        lock (_waiting)
        {
            _subscribers = [.. _subscribers, subscriber];
        }
    }

    public void Committed(string logId, IReadOnlyList<StoredEvent> events, ActivityContext trace = default)
    {
        foreach (var subscriber in _subscribers)
        {
            try
            {
                subscriber(logId, events, trace);
            }
#pragma warning disable CA1031 // A subscriber's bug must not reach the writer, which would answer a landed commit 503.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                LogSubscriberFailed(logger, exception, logId);
            }
        }

        if (_waiting.TryRemove(logId, out var waiting))
        {
            waiting.TrySetResult();
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A commit subscriber failed for log {LogId}; the commit stands")]
    private static partial void LogSubscriberFailed(ILogger logger, Exception exception, string logId);
}
