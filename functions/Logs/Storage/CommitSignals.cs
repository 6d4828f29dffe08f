using System.Collections.Concurrent;

namespace Primatomic.Functions.Logs.Storage;

/// <summary>
/// Wakes long-polling readers the moment this process commits to a log. Entries exist only while someone waits,
/// and each commit removes its log's entry, so memory stays bounded by the logs being tailed.
/// </summary>
public sealed class CommitSignals
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _waiting = new(StringComparer.Ordinal);

    /// <summary>A task that completes at the next commit to <paramref name="logId"/>; take it before checking storage.</summary>
    public Task NextCommit(string logId) =>
        _waiting.GetOrAdd(logId, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    public void Notify(string logId)
    {
        if (_waiting.TryRemove(logId, out var waiting))
        {
            waiting.TrySetResult();
        }
    }
}
