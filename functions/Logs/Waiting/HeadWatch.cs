using System.Threading.Channels;
using Primatomic.Functions.Hosting;
using Primatomic.Functions.Logs.Storage;

namespace Primatomic.Functions.Logs.Waiting;

/// <summary>
/// The one poller of one log's head on this instance, serving every long-poll of that log. Its state (the waiters
/// and the last head seen) belongs to a single consumer loop; callers talk to it only through its channel. While it
/// has waiters it reads the head once per poll interval, or at once when this process commits to the log; with no
/// waiters left it closes, so an idle log costs nothing.
/// </summary>
internal sealed partial class HeadWatch
{
    private readonly Channel<HeadWaiter> _commands = Channel.CreateUnbounded<HeadWaiter>(new UnboundedChannelOptions { SingleReader = true });
    private readonly string _logId;
    private readonly EventLog _events;
    private readonly TimeProvider _time;
    private readonly TimeSpan _pollInterval;
    private readonly Action<HeadWatch> _closed;
    private readonly ILogger _logger;
    private int _started;
    private volatile bool _lastReadFailed;

    public HeadWatch(string logId, EventLog events, TimeProvider time, TimeSpan pollInterval, Action<HeadWatch> closed, ILogger logger)
    {
        _logId = logId;
        _events = events;
        _time = time;
        _pollInterval = pollInterval;
        _closed = closed;
        _logger = logger;
    }

    public string LogId => _logId;

    /// <summary>
    /// Whether the latest head read failed (written by the loop only). A wait that ends then cannot honestly say
    /// "nothing new": storage did not tell us.
    /// </summary>
    public bool LastReadFailed => _lastReadFailed;

    /// <summary>
    /// Hands a waiter (or its withdrawal) to the loop; false once the watch has closed. The loop starts with the first
    /// command, so a new watch never closes before anyone used it.
    /// </summary>
    public bool TrySend(HeadWaiter command)
    {
        if (!_commands.Writer.TryWrite(command))
        {
            return false;
        }

        if (Interlocked.Exchange(ref _started, 1) == 0)
        {
            _ = Task.Run(RunAsync);
        }

        return true;
    }

    private async Task RunAsync()
    {
        var waiters = new HashSet<HeadWaiter>();
        try
        {
            await PollWhileWaitedOnAsync(waiters);
        }
        catch (Exception e)
        {
            // Never leave waiters hanging on a dead loop: they read storage themselves and wait again on a new watch.
            LogLoopFailed(_logger, e, _logId);
            Close();
            foreach (var waiter in waiters)
            {
                waiter.Release(long.MaxValue);
            }
        }
    }

    private async Task PollWhileWaitedOnAsync(HashSet<HeadWaiter> waiters)
    {
        var head = -1L;
        var nextPoll = _time.GetUtcNow();
        Task commit = Task.CompletedTask;
        var reader = _commands.Reader;
        while (true)
        {
            while (reader.TryRead(out var command))
            {
                Apply(waiters, command, head);
            }

            if (waiters.Count == 0)
            {
                Close();
                return;
            }

            if (commit.IsCompleted || _time.GetUtcNow() >= nextPoll)
            {
                // Take the commit signal before reading, so a commit landing during the read still wakes the loop.
                commit = _events.Signals.NextCommit(_logId);
                nextPoll = _time.GetUtcNow() + _pollInterval;
                head = await ReadHeadAsync(head);
                waiters.RemoveWhere(waiter => waiter.Release(head));
                continue;
            }

            var untilPoll = nextPoll - _time.GetUtcNow();
            using var timer = new CancellationTokenSource();
            await Task.WhenAny(reader.WaitToReadAsync().AsTask(), commit,
                Task.Delay(untilPoll > TimeSpan.Zero ? untilPoll : TimeSpan.Zero, _time, timer.Token));
            await timer.CancelAsync();
        }
    }

    private static void Apply(HashSet<HeadWaiter> waiters, HeadWaiter command, long head)
    {
        if (command.Withdrawn)
        {
            waiters.Remove(command);
        }
        else if (!command.Release(head))
        {
            waiters.Add(command);
        }
    }

    /// <summary>A failed read keeps the last head: waiters wait on, and one whose wait ends meanwhile is answered 503.</summary>
    private async Task<long> ReadHeadAsync(long last)
    {
        try
        {
            var head = Math.Max(last, await _events.ReadHeadAsync(_logId, CancellationToken.None));
            _lastReadFailed = false;
            return head;
        }
        catch (Exception e) when (StorageFaults.IsStorageFault(e))
        {
            _lastReadFailed = true;
            LogReadFailed(_logger, e, _logId);
            return last;
        }
    }

    /// <summary>Leaves the registry first, then refuses new commands; anyone who got in between is sent to a new watch.</summary>
    private void Close()
    {
        _closed(this);
        _commands.Writer.TryComplete();
        while (_commands.Reader.TryRead(out var late))
        {
            late.Retry();
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The long-poll loop of log {LogId} failed")]
    private static partial void LogLoopFailed(ILogger logger, Exception exception, string logId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reading the head of log {LogId} for its long-polls failed")]
    private static partial void LogReadFailed(ILogger logger, Exception exception, string logId);
}
