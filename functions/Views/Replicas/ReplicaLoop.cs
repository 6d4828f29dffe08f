using System.Threading.Channels;
using Stopwatch = System.Diagnostics.Stopwatch;
using Primatomic.Functions.Logs.Storage;

namespace Primatomic.Functions.Views.Replicas;

/// <summary>
/// The one owner of a replica's state: a single loop that applies deliveries and log pages in order, answers
/// queries, catches up for <c>query?after</c>, holds the view's lease, and as leader follows the head and writes
/// checkpoints. Other threads only post requests (<see cref="Post"/>) or wake it (<see cref="Wake"/>). Between
/// batches it serves requests, so a long replay never holds a query longer than one page.
/// </summary>
internal sealed partial class ReplicaLoop(ViewRecord record, ReplicaInstance state, OfferBuffer offers, EventLog events,
    ViewCheckpoints checkpoints, ViewLeases leases, ViewLimits limits, ViewThreads threads, ILogger logger)
{
    private readonly Channel<ReplicaRequest> _requests = Channel.CreateUnbounded<ReplicaRequest>(new UnboundedChannelOptions { SingleReader = true });
    private readonly List<CatchUpRequest> _waiting = [];
    private readonly List<SweepRequest> _sweeps = [];
    private readonly Stopwatch _sinceCheckpoint = Stopwatch.StartNew();
    private TaskCompletionSource _wake = NewSignal();
    private readonly ReplicaLease _lease = new(record, leases);
    private long _head;

    /// <summary>True while this replica holds the view's lease: it then follows the log and writes checkpoints.</summary>
    public bool IsLeader => _lease.IsHeld;

    public void Post(ReplicaRequest request)
    {
        if (!_requests.Writer.TryWrite(request))
        {
            request.Fail(new ObjectDisposedException(nameof(ViewReplica), "The view's replica has stopped here."));
        }
    }

    /// <summary>Wakes the loop (a delivery or a request arrived).</summary>
    public void Wake() => Interlocked.Exchange(ref _wake, NewSignal()).TrySetResult();

    public async Task RunAsync(bool restore, CancellationToken stopping)
    {
        try
        {
            var pollDue = true;
            while (!stopping.IsCancellationRequested)
            {
                var wake = Volatile.Read(ref _wake).Task; // taken before looking for work, so no wake-up is missed
                try
                {
                    if (restore)
                    {
                        // A deployment other instances have been running: start from its latest checkpoint.
                        await state.RestoreLatestAsync(stopping);
                        restore = false;
                    }

                    await ServeRequestsAsync(stopping);
                    await LeaseAsync(pollDue, stopping);
                    pollDue = false;
                    if (await StepAsync(stopping))
                    {
                        await threads.YieldToOthers(Volatile.Read(ref _wake).Task); // other views take their turn; a request brings it back
                        continue;
                    }

                    await CheckpointIfDueAsync(stopping);
                    FinishPass();
                }
                catch (OperationCanceledException) when (stopping.IsCancellationRequested)
                {
                    return;
                }
#pragma warning disable CA1031 // Storage trouble must not end the loop: whoever waits hears of it, and the loop retries.
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    LogLoopError(logger, ex, record.LogId, record.Name);
                    FailWaiting(ex);
                }

                pollDue = await Task.WhenAny(wake, Task.Delay(limits.FollowPoll, stopping)) != wake;
            }
        }
        finally
        {
            _requests.Writer.TryComplete();
            var stopped = new ObjectDisposedException(nameof(ViewReplica), "The view's replica has stopped here.");
            FailWaiting(stopped);
            while (_requests.Reader.TryRead(out var request))
            {
                request.Fail(stopped);
            }

            await _lease.ReleaseAsync();
        }
    }

    private async Task ServeRequestsAsync(CancellationToken stopping)
    {
        while (_requests.Reader.TryRead(out var request))
        {
            if (request.IsCompleted)
            {
                continue; // cancelled while queued
            }

            switch (request)
            {
                case QueryRequest query:
                    await AnswerAsync(query, stopping);
                    break;
                case CatchUpRequest catchUp:
                    _waiting.Add(catchUp);
                    break;
                case SweepRequest sweep:
                    _sweeps.Add(sweep);
                    break;
            }
        }

        CompleteReached();
    }

    private async Task AnswerAsync(QueryRequest query, CancellationToken stopping)
    {
        try
        {
            query.Answer.TrySetResult(state.Failure is { } failure
                ? throw new ViewFaultException(failure.Message, (ulong)failure.Sequence)
                : await state.QueryAsync(query.Input, stopping));
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // the asker gets whatever went wrong with its query
        catch (Exception ex)
#pragma warning restore CA1031
        {
            query.Answer.TrySetException(ex);
        }
    }

    /// <summary>Renews or claims the lease when due; a failed view lets it go at once. As leader, reads the head when due.</summary>
    private async Task LeaseAsync(bool pollDue, CancellationToken stopping)
    {
        if (state.Failure is not null)
        {
            await _lease.ReleaseAsync();
            return;
        }

        var sweep = _sweeps.Count > 0;
        var due = pollDue || sweep;
        if (await _lease.KeepAsync(renewNow: sweep, tryNow: due, stopping))
        {
            // Continue from where the previous leader checkpointed, not from this replica's own lag.
            await state.RestoreLatestAsync(stopping);
        }

        if (_lease.IsHeld && due)
        {
            // The leader's catch-up pass for commits whose delivery was lost or went to another instance.
            _head = await events.ReadHeadAsync(record.LogId, stopping);
        }
    }

    /// <summary>Applies one step (a delivery or a page of the log, at most <see cref="ReplicaInstance.StepEvents"/>) towards what is known to exist; false when there is nothing to do.</summary>
    private async Task<bool> StepAsync(CancellationToken stopping)
    {
        var target = Math.Max(Math.Max(offers.Through, IsLeader ? _head : 0), _waiting.Count == 0 ? 0 : _waiting.Max(w => w.Target));
        if (state.Failure is not null || state.Processed >= target)
        {
            return false;
        }

        await state.EnsureLiveAsync(stopping);
        if (offers.TakeNext(state.Processed, state.StepEvents) is { } delivered)
        {
            state.Apply(delivered);
        }
        else if (!await state.ApplyFromLogAsync(target, stopping))
        {
            return false;
        }

        CompleteReached();
        return true;
    }

    private async Task CheckpointIfDueAsync(CancellationToken stopping)
    {
        var behind = state.Processed - state.CheckpointSequence;
        if (!IsLeader || state.Failure is not null || behind <= 0
            || (behind < limits.CheckpointEvents && _sinceCheckpoint.Elapsed < limits.CheckpointInterval))
        {
            return;
        }

        await state.EnsureLiveAsync(stopping);
        if (state.Snapshot() is { } checkpoint)
        {
            await checkpoints.WriteAsync(record, checkpoint, stopping);
            state.Checkpointed(checkpoint.Sequence);
            _sinceCheckpoint.Restart();
        }
    }

    private void CompleteReached() => _waiting.RemoveAll(w =>
        w.IsCompleted || ((state.Processed >= w.Target || state.Failure is not null) && w.Done.TrySetResult()));

    /// <summary>The end of a pass with nothing left to apply: every waiter has all the log had, every sweep is done.</summary>
    private void FinishPass()
    {
        _waiting.ForEach(w => w.Done.TrySetResult());
        _waiting.Clear();
        _sweeps.ForEach(s => s.Done.TrySetResult());
        _sweeps.Clear();
    }

    /// <summary>Waiters and sweeps hear of an error (storage trouble becomes their 503); queued queries wait for the next pass.</summary>
    private void FailWaiting(Exception exception)
    {
        _waiting.ForEach(w => w.Fail(exception));
        _waiting.Clear();
        _sweeps.ForEach(s => s.Fail(exception));
        _sweeps.Clear();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The replica of view {ViewName} of log {LogId} hit an error; retrying")]
    private static partial void LogLoopError(ILogger logger, Exception exception, string logId, string viewName);
}
