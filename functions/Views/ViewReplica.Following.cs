using Stopwatch = System.Diagnostics.Stopwatch;

namespace Primatomic.Functions.Views;

// Following the log in the background, and checkpoints: restoring from the latest and writing new ones.
public sealed partial class ViewReplica
{
    private readonly Stopwatch _sinceCheckpoint = Stopwatch.StartNew();
    private long _checkpointSequence;

    /// <summary>The sequence of the latest checkpoint this replica wrote or restored from (0 for none).</summary>
    public long CheckpointSequence => Volatile.Read(ref _checkpointSequence);

    /// <summary>The checkpoint this replica started from, or 0 when it replayed from the beginning.</summary>
    public long RestoredFromSequence { get; private set; }

    /// <summary>
    /// Moves to the deployment's latest checkpoint when it is ahead of this replica: on load, and when this replica
    /// becomes leader (it then continues from where the previous leader checkpointed, not from its own lag).
    /// </summary>
    public async Task RestoreAsync(CancellationToken cancellationToken)
    {
        var checkpoint = await _checkpoints.ReadAsync(Record, cancellationToken);
        if (checkpoint is null || checkpoint.Sequence <= ProcessedSequence)
        {
            return;
        }

        await _catchUp.WaitAsync(cancellationToken);
        try
        {
            var fresh = _engine.Instantiate(_compiled);
            try
            {
                fresh.Restore(checkpoint.State);
            }
            catch (ViewFaultException fault)
            {
                // A checkpoint the view cannot read is only lost time: keep replaying instead.
                LogRestoreFailed(_logger, Record.LogId, Record.Name, checkpoint.Sequence, fault.Message);
                fresh.Dispose();
                return;
            }

            lock (_instanceLock)
            {
                _instance.Dispose();
                _instance = fresh;
                Volatile.Write(ref _processed, checkpoint.Sequence);
                Volatile.Write(ref _checkpointSequence, checkpoint.Sequence);
                RestoredFromSequence = checkpoint.Sequence;
            }
        }
        finally
        {
            _catchUp.Release();
        }
    }

    private async Task CheckpointIfDueAsync(CancellationToken cancellationToken)
    {
        var behind = ProcessedSequence - CheckpointSequence;
        var limits = _engine.Limits;
        if (Failure is not null || behind <= 0 || (behind < limits.CheckpointEvents && _sinceCheckpoint.Elapsed < limits.CheckpointInterval))
        {
            return;
        }

        ViewCheckpoint checkpoint;
        lock (_instanceLock)
        {
            try
            {
                checkpoint = new ViewCheckpoint(ProcessedSequence, Record.ContentHash, Record.Version, _instance.Snapshot());
            }
            catch (ViewFaultException fault)
            {
                Fail(ProcessedSequence + 1, fault.Message);
                return;
            }
        }

        await _checkpoints.WriteAsync(Record, checkpoint, cancellationToken);
        Volatile.Write(ref _checkpointSequence, checkpoint.Sequence);
        _sinceCheckpoint.Restart();
    }

    /// <summary>True while this replica holds the view's lease: it then follows the log and writes checkpoints.</summary>
    public bool IsLeader => _leaseId is not null;

    private string? _leaseId;

    private TaskCompletionSource? _sweepRequest;

    /// <summary>
    /// Has the follower run one pass now (renew or claim the lease; as leader, catch up to the head and write a due
    /// checkpoint) and waits for it. Returns at once when the replica is not following (failed or stopped).
    /// </summary>
    public async Task SweepAsync(CancellationToken cancellationToken)
    {
        var request = NewSignal();
        var pending = Interlocked.CompareExchange(ref _sweepRequest, request, null) ?? request;
        SignalOffer();
        await Task.WhenAny(pending.Task, _background).WaitAsync(cancellationToken);
    }

    private async Task FollowAsync(TimeSpan poll, CancellationToken stopping)
    {
        var renewed = Stopwatch.StartNew();
        try
        {
            var polled = true;
            while (!stopping.IsCancellationRequested && Failure is null)
            {
                var nextOffer = NextOffer;
                // A sweep asked for after this point wakes the wait below (it signals the offer), so none is missed.
                var sweep = Interlocked.Exchange(ref _sweepRequest, null);
                try
                {
                    if (_leaseId is not null && (sweep is not null || renewed.Elapsed >= ViewLeases.Duration / 3))
                    {
                        _leaseId = await _leases.RenewAsync(Record.LogId, Record.Name, _leaseId, stopping) ? _leaseId : null;
                        renewed.Restart();
                    }
                    else if (_leaseId is null)
                    {
                        _leaseId = await _leases.TryAcquireAsync(Record.LogId, Record.Name, ViewNode.Id, stopping);
                        renewed.Restart();
                        if (_leaseId is not null)
                        {
                            await RestoreAsync(stopping);
                        }
                    }

                    // Every replica applies what is delivered to it (filling any gap from the log); the leader also
                    // polls the head, the catch-up pass for commits whose delivery was lost or went elsewhere.
                    if (OfferedThrough > ProcessedSequence)
                    {
                        await CatchUpAsync(OfferedThrough, stopping);
                    }

                    if (_leaseId is not null)
                    {
                        if (polled || sweep is not null)
                        {
                            await CatchUpAsync(await _events.ReadHeadAsync(Record.LogId, stopping), stopping);
                        }

                        await CheckpointIfDueAsync(stopping);
                    }

                    sweep?.TrySetResult();
                    polled = await Task.WhenAny(nextOffer, Task.Delay(poll, stopping)) != nextOffer;
                }
                catch (OperationCanceledException) when (stopping.IsCancellationRequested)
                {
                    return;
                }
#pragma warning disable CA1031 // Storage hiccups must not end the follower; it retries after the poll interval.
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    LogFollowError(_logger, ex, Record.LogId, Record.Name);
                    sweep?.TrySetResult();
                    await Task.Delay(poll, stopping).ContinueWith(_ => { }, TaskScheduler.Default);
                }
            }
        }
        finally
        {
            // A failed or stopped replica stops leading at once, so another instance need not wait for expiry.
            if (_leaseId is { } held)
            {
                _leaseId = null;
                await _leases.ReleaseAsync(Record.LogId, Record.Name, held);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Following the log for view {ViewName} of log {LogId} failed; retrying")]
    private static partial void LogFollowError(ILogger logger, Exception exception, string logId, string viewName);

    [LoggerMessage(Level = LogLevel.Warning, Message = "View {ViewName} of log {LogId} could not restore its checkpoint at {Sequence}: {Reason}; continuing without it")]
    private static partial void LogRestoreFailed(ILogger logger, string logId, string viewName, long sequence, string reason);
}
