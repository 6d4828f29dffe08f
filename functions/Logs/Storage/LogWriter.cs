using System.Threading.Channels;
using Azure;
using Azure.Data.Tables;

namespace Primatomic.Functions.Logs.Storage;

/// <summary>
/// The one writer of a log in this process (group commit). Appends queue up; the writer takes as many as fit one
/// transaction, assigns them sequences after the head, commits, and only then answers each of them. Conflicts with
/// other processes (412 on the head, 409 on a marker) and ambiguous failures are retried without ever writing an
/// append twice: see <see cref="CommitGroupAsync"/>.
/// </summary>
internal sealed partial class LogWriter
{
    // Time, not the count, is what bounds a group (the commit budget): two processes hammering one log can make a
    // writer lose the head race dozens of times in a row, and giving up then would fail appends that merely had to wait.
    private const int MaxAttempts = 10_000;


    private readonly Channel<PendingAppend> _queue = Channel.CreateUnbounded<PendingAppend>(new UnboundedChannelOptions());
    private readonly List<PendingAppend> _carry = [];
    private readonly string _logId;
    private readonly EventTable _table;
    private readonly CommitSignals _signals;
    private readonly ILogger _logger;
    private readonly TimeSpan _idleAfter;
    private readonly TimeSpan _commitBudget;
    private readonly Action<LogWriter> _onIdle;
    private readonly KeyedAppends _keyed;
    private HeadState? _head;

    // The group being committed, for its span and instruments (LogTelemetry).
    private CommitAttempt? _finished;
    private bool _answeredEarlier;
    private int _conflicts;
    private int _attempted;

    public LogWriter(string logId, EventTable table, CommitSignals signals, ILogger logger, TimeSpan idleAfter,
        TimeSpan commitBudget, Action<LogWriter> onIdle, KeyWindowSettings keyWindow)
    {
        _logId = logId;
        _table = table;
        _keyed = new KeyedAppends(logId, table, keyWindow);
        _signals = signals;
        _logger = logger;
        _idleAfter = idleAfter;
        _commitBudget = commitBudget;
        _onIdle = onIdle;
        Completion = Task.Run(RunAsync);
    }

    public string LogId => _logId;

    /// <summary>Completes once the writer has retired and answered everything it accepted.</summary>
    public Task Completion { get; }

    /// <summary>False once the writer has retired; the caller then starts a new one.</summary>
    public bool TryEnqueue(PendingAppend item) => _queue.Writer.TryWrite(item);

    /// <summary>Retires the writer if nothing is queued. Callers serialise this with <see cref="TryEnqueue"/>.</summary>
    public bool TryRetire() => _queue.Reader.Count == 0 && _queue.Writer.TryComplete();

    public void Retire() => _queue.Writer.TryComplete();

    private async Task RunAsync()
    {
        // Started from whichever append created the writer: its request's activity must not become every commit's parent.
        System.Diagnostics.Activity.Current = null;
        while (true)
        {
            if (_carry.Count == 0 && !await WaitForWorkAsync())
            {
                return;
            }

            var group = TakeGroup();
            if (group.Count == 0)
            {
                continue;
            }

            try
            {
                await CommitGroupAsync(group);
            }
#pragma warning disable CA1031 // The writer must outlive any bug in one commit, and every waiter must get an answer.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                LogCommitCrashed(_logger, exception, _logId);
                _head = null;
                foreach (var item in group.Concat(group.SelectMany(i => i.Followers)).ToList())
                {
                    item.Completion.TrySetResult(AppendOutcome.Unavailable);
                }
            }
        }
    }

    /// <summary>Waits for the next append; after an idle spell, offers to retire. False once retired and drained.</summary>
    private async Task<bool> WaitForWorkAsync()
    {
        while (true)
        {
            using var idle = new CancellationTokenSource(_idleAfter);
            try
            {
                return await _queue.Reader.WaitToReadAsync(idle.Token);
            }
            catch (OperationCanceledException)
            {
                _onIdle(this);
            }
        }
    }

    /// <summary>Takes queued appends, oldest first, while they fit one transaction (ops, bytes, events).</summary>
    private List<PendingAppend> TakeGroup()
    {
        var group = new List<PendingAppend>();
        var leaders = new Dictionary<string, PendingAppend>(StringComparer.Ordinal);
        var waiting = new Queue<PendingAppend>(_carry);
        _carry.Clear();
        long bytes = 0;
        var events = 0;
        while (waiting.TryDequeue(out var item) || _queue.Reader.TryRead(out item))
        {
            if (item.Expired)
            {
                // Its caller was answered 503 at its deadline and never learns more: not committing it keeps that
                // answer true and spares storage a backlog of appends nobody waits for once it recovers.
                item.Completion.TrySetResult(AppendOutcome.Unavailable);
                continue;
            }

            if (item.MarkerRowKey is { } key && leaders.TryGetValue(key, out var leader))
            {
                // Same key twice in one group: the second gets the first's answer instead of racing it.
                leader.Followers.Add(item);
                continue;
            }

            // Markers ride in the segment's main row (40 bytes each), so keys cost no operations.
            var fits = group.Count == 0
                || (bytes + item.PayloadBytes <= LogLimits.MaxCommitPayloadBytes
                    && events + item.Events.Count <= LogLimits.MaxCommitEvents
                    && 1 + Segments.RowCount(bytes + item.PayloadBytes) <= LogLimits.MaxCommitOperations);
            if (!fits)
            {
                _carry.Add(item);
                _carry.AddRange(waiting);
                break;
            }

            group.Add(item);
            bytes += item.PayloadBytes;
            events += item.Events.Count;
            if (item.MarkerRowKey is { } newKey)
            {
                leaders[newKey] = item;
            }
        }

        return group;
    }

    /// <summary>Answers an append and the same-key appends that waited on it.</summary>
    private void Complete(PendingAppend item, AppendOutcome outcome)
    {
        item.Completion.TrySetResult(outcome);
        foreach (var follower in item.Followers)
        {
            if (outcome.Status == AppendStatus.Appended)
            {
                follower.Completion.TrySetResult(follower.BodyHash == item.BodyHash ? outcome : AppendOutcome.KeyReused);
            }
            else
            {
                // The first did not commit: the follower takes its own turn in the next group.
                _carry.Add(follower);
            }
        }

        item.Followers.Clear();
    }

    private static TimeSpan Backoff(int attempt) =>
        TimeSpan.FromMilliseconds(Random.Shared.Next(1, Math.Min(5 * attempt, 100) + 2));

    private static bool IsStorageFailure(Exception exception) => exception is RequestFailedException or AggregateException
        or IOException or HttpRequestException or OperationCanceledException or TimeoutException;

    [LoggerMessage(Level = LogLevel.Error, Message = "Commit to log {LogId} crashed; its appends were answered as unavailable")]
    private static partial void LogCommitCrashed(ILogger logger, Exception exception, string logId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Commit attempt {Attempt} to log {LogId} failed; checking and retrying")]
    private static partial void LogAttemptFailed(ILogger logger, Exception exception, int attempt, string logId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Gave up committing to log {LogId} after {Attempts} attempts")]
    private static partial void LogGaveUp(ILogger logger, string logId, int attempts);
}
