using Primatomic.Functions.Logs;
using Primatomic.Functions.Logs.Storage;

namespace Primatomic.Functions.Views.Following;

/// <summary>
/// Feeds the views of one log that this instance leads: reads each page of the log once and offers it to all of them,
/// paced by the fastest (a slower one keeps the pages in its buffer, and beyond that reads the log itself, so no view
/// waits for another). It is woken by commits (this instance's, or Event Hubs'); without them it reads the head after
/// <c>Views__FollowPoll</c>, doubling the wait while the log stays idle up to <c>Views__FollowPollMax</c>, for commits
/// made by other instances that no notification brought here. The ViewSweeper can also ask for a read now.
/// </summary>
public sealed partial class LogFollower(string logId, EventLog events, Func<IReadOnlyList<ViewReplica>> leaders, TimeSpan minPoll,
    TimeSpan maxPoll, ILogger logger)
{
    private readonly Lock _gate = new();
    private TaskCompletionSource _wake = NewSignal();
    private Task _running = Task.CompletedTask;
    private bool _started;
    private bool _ending;
    private long _committedHead;
    private List<TaskCompletionSource> _polls = [];

    public string LogId => logId;

    public Task Completion => _running;

    /// <summary>Starts the loop once; false when this follower is ending and the caller must make a new one.</summary>
    public bool Start(Action ended, CancellationToken stopping)
    {
        lock (_gate)
        {
            if (_ending)
            {
                return false;
            }

            if (!_started)
            {
                _started = true;
                _running = Task.Run(() => RunAsync(ended, stopping), CancellationToken.None);
            }

            return true;
        }
    }

    /// <summary>Reads the head now and feeds the led views up to it (the ViewSweeper's safety net); completes when done.</summary>
    public Task PollNowAsync()
    {
        var done = NewSignal();
        lock (_gate)
        {
            if (_ending || !_started)
            {
                return Task.CompletedTask;
            }

            _polls.Add(done);
        }

        Interlocked.Exchange(ref _wake, NewSignal()).TrySetResult();
        return done.Task;
    }

    public void Committed(long head)
    {
        long seen;
        while (head > (seen = Volatile.Read(ref _committedHead)) && Interlocked.CompareExchange(ref _committedHead, head, seen) != seen)
        {
        }

        Interlocked.Exchange(ref _wake, NewSignal()).TrySetResult();
    }

    private async Task RunAsync(Action ended, CancellationToken stopping)
    {
        var delay = minPoll;
        var pollDue = true;
        long polledHead = 0;
        List<TaskCompletionSource> polls = [];
        while (!stopping.IsCancellationRequested)
        {
            var wake = Volatile.Read(ref _wake).Task; // taken before looking for work, so no commit is missed
            polls.AddRange(TakePolls());
            pollDue |= polls.Count > 0;
            var led = Led();
            if (led.Count == 0 && EndIfUnled(ended))
            {
                polls.ForEach(poll => poll.TrySetResult());
                return;
            }

            try
            {
                if (pollDue)
                {
                    var head = await events.ReadHeadAsync(logId, stopping);
                    delay = head > polledHead ? minPoll : TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, maxPoll.Ticks));
                    polledHead = head;
                    pollDue = false;
                }

                if (await FeedAsync(led, Math.Max(polledHead, Volatile.Read(ref _committedHead)), stopping))
                {
                    delay = minPoll;
                    continue; // more may follow at once
                }

                polls.ForEach(poll => poll.TrySetResult());
                polls.Clear();
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                break;
            }
#pragma warning disable CA1031 // Storage trouble must not end following: the next round retries.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                LogFollowFailed(logger, ex, logId);
                polls.ForEach(poll => poll.TrySetException(ex));
                polls.Clear();
                delay = minPoll;
            }

            try
            {
                pollDue = await Task.WhenAny(wake, Task.Delay(delay, stopping)) != wake;
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        polls.AddRange(TakePolls());
        polls.ForEach(poll => poll.TrySetCanceled(stopping));
    }

    private List<TaskCompletionSource> TakePolls()
    {
        lock (_gate)
        {
            if (_polls.Count == 0)
            {
                return [];
            }

            var taken = _polls;
            _polls = [];
            return taken;
        }
    }

    /// <summary>Reads the page after the slowest led view's known position and offers it to all; false when none is behind <paramref name="head"/>.</summary>
    private async Task<bool> FeedAsync(List<ViewReplica> led, long head, CancellationToken stopping)
    {
        if (led.Count == 0)
        {
            return false;
        }

        var from = led.Min(r => Math.Max(r.ProcessedSequence, r.OfferedThrough));
        if (from >= head)
        {
            return false;
        }

        var page = await events.ReadAsync(logId, from, Replicas.StepSize.PageEvents, LogLimits.MaxPageBytes, stopping);
        if (page.Events.Count == 0)
        {
            return false;
        }

        led.ForEach(replica => replica.Offer(page.Events));
        var last = page.Events[^1].Sequence;
        await Task.WhenAny(led.Select(replica => AppliedAsync(replica, last, stopping)));
        return true;
    }

    private static async Task AppliedAsync(ViewReplica replica, long sequence, CancellationToken stopping)
    {
        try
        {
            await replica.CatchUpAsync(sequence, stopping);
        }
#pragma warning disable CA1031 // a replica that stopped or hit storage trouble only stops pacing; it retries on its own
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }

    private List<ViewReplica> Led() => [.. leaders().Where(replica => replica.IsLeader && replica.Failure is null)];

    /// <summary>Ends unless a view was led again meanwhile (whoever leads it next finds this follower ending and starts another).</summary>
    private bool EndIfUnled(Action ended)
    {
        lock (_gate)
        {
            _ending = true;
            if (Led().Count > 0)
            {
                _ending = false;
                return false;
            }
        }

        ended();
        return true;
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Following log {LogId} failed; retrying")]
    private static partial void LogFollowFailed(ILogger logger, Exception exception, string logId);
}
