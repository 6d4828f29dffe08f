using System.Threading.Channels;
using Stopwatch = System.Diagnostics.Stopwatch;
using Primatomic.Functions.Logs.Storage;

namespace Primatomic.Functions.Views.Replicas;

/// <summary>
/// The one owner of a replica's state: a single loop that applies deliveries and log pages in order, answers
/// queries, catches up for <c>query?after</c>, and as leader writes checkpoints. It has no timer of its own: it runs
/// when woken by a delivery (from the log's follower, this instance's commits or Event Hubs), a request, or the
/// host's sweep. Other threads only post requests (<see cref="Post"/>) or wake it (<see cref="Wake"/>). Between
/// batches it serves requests, so a long replay never holds a query longer than one page.
/// </summary>
internal sealed partial class ReplicaLoop(ViewRecord record, ReplicaInstance state, OfferBuffer offers,
    ViewCheckpoints checkpoints, ViewLimits limits, ViewThreads threads, ILogger logger)
{
    private readonly Channel<ReplicaRequest> _requests = Channel.CreateUnbounded<ReplicaRequest>(new UnboundedChannelOptions { SingleReader = true });
    private readonly List<CatchUpRequest> _waiting = [];
    private readonly List<SweepRequest> _sweeps = [];
    private readonly Stopwatch _sinceCheckpoint = Stopwatch.StartNew();
    private TaskCompletionSource _wake = NewSignal();
    private volatile bool _leading;
    private bool _leadingSeen;

    /// <summary>True while this instance leads the view's shard: the replica then writes checkpoints.</summary>
    public bool IsLeader
    {
        get => _leading;
        set
        {
            _leading = value;
            Wake();
        }
    }

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
        // Started from whichever request loaded the replica: its activity must not become the parent of every apply.
        System.Diagnostics.Activity.Current = null;
        try
        {
            while (!stopping.IsCancellationRequested)
            {
                var wake = Volatile.Read(ref _wake).Task; // taken before looking for work, so no wake-up is missed
                var retry = false;
                try
                {
                    if (restore)
                    {
                        // A deployment other instances have been running: start from its latest checkpoint.
                        await state.RestoreLatestAsync(stopping);
                        restore = false;
                    }

                    await ServeRequestsAsync(stopping);
                    await TakeLeadAsync(stopping);
                    if (await StepAsync(stopping))
                    {
                        await threads.YieldToOthers(Volatile.Read(ref _wake).Task); // other views take their turn; a request brings it back
                        continue;
                    }

                    await CheckpointIfDueAsync(force: _sweeps.Any(sweep => sweep.Hibernate), stopping);
                    if (_sweeps.Any(sweep => sweep.Hibernate) && _waiting.Count == 0)
                    {
                        state.Hibernate();
                    }

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
                    retry = true;
                }

                // Idle until woken; after an error, also retry on its own a moment later.
                await (retry ? Task.WhenAny(wake, Task.Delay(limits.FollowPoll, stopping)) : wake.WaitAsync(stopping));
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // stopped while idle
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

    /// <summary>On becoming leader: continue from the latest checkpoint when it is ahead of this replica (the previous leader's).</summary>
    private async Task TakeLeadAsync(CancellationToken stopping)
    {
        if (_leading && !_leadingSeen && state.Failure is null)
        {
            await state.RestoreLatestAsync(stopping);
        }

        _leadingSeen = _leading;
    }

    /// <summary>Applies one step (a delivery or a page of the log, at most <see cref="ReplicaInstance.StepEvents"/>) towards what is known to exist; false when there is nothing to do.</summary>
    private async Task<bool> StepAsync(CancellationToken stopping)
    {
        var target = Math.Max(offers.Through, _waiting.Count == 0 ? 0 : _waiting.Max(w => w.Target));
        if (state.Failure is not null || state.Processed >= target)
        {
            return false;
        }

        await state.EnsureLiveAsync(stopping);
        if (offers.TakeNext(state.Processed, state.StepEvents) is { } delivered)
        {
            state.Apply(delivered.Events, delivered.Traces);
        }
        else if (await state.ApplyFromLogAsync(target, stopping) is not { } rest)
        {
            return false;
        }
        else if (rest.Count > 0)
        {
            offers.Add(rest, state.Processed); // the rest of the page read, for the next steps
        }

        CompleteReached();
        return true;
    }

    private async Task CheckpointIfDueAsync(bool force, CancellationToken stopping)
    {
        var behind = state.Processed - state.CheckpointSequence;
        if (!IsLeader || state.Failure is not null || behind <= 0
            || (!force && behind < limits.CheckpointEvents && _sinceCheckpoint.Elapsed < limits.CheckpointInterval))
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
