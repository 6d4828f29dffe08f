using System.Collections.Concurrent;

namespace Primatomic.Functions.Logs.Storage;

/// <summary>
/// What this process learns the moment it commits to a log: long-polling readers are woken, and subscribers (the
/// fan-out) receive the committed events. Waiting entries exist only while someone waits, and each commit removes
/// its log's entry, so memory stays bounded by the logs being tailed.
/// </summary>
public sealed class CommitSignals
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _waiting = new(StringComparer.Ordinal);
    private volatile Action<string, IReadOnlyList<StoredEvent>>[] _subscribers = [];

    /// <summary>A task that completes at the next commit to <paramref name="logId"/>; take it before checking storage.</summary>
    public Task NextCommit(string logId) =>
        _waiting.GetOrAdd(logId, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    /// <summary>
    /// Receives every commit of this process, contiguous and in order per log, before the appends are answered.
    /// It runs on the writer's path, so it must be quick and must not throw; the log stays the source of truth.
    /// </summary>
    public void Subscribe(Action<string, IReadOnlyList<StoredEvent>> subscriber)
    {
        lock (_waiting)
        {
            _subscribers = [.. _subscribers, subscriber];
        }
    }

    public void Committed(string logId, IReadOnlyList<StoredEvent> events)
    {
        foreach (var subscriber in _subscribers)
        {
            subscriber(logId, events);
        }

        if (_waiting.TryRemove(logId, out var waiting))
        {
            waiting.TrySetResult();
        }
    }
}
