using Stopwatch = System.Diagnostics.Stopwatch;
using Primatomic.Functions.Logs;
using Primatomic.Functions.Logs.Storage;
using Primatomic.Functions.Views.Runtime;

namespace Primatomic.Functions.Views.Replicas;

/// <summary>
/// A replica's view instance and how far it has folded the log. Only the replica's loop calls it; the progress
/// properties may be read from anywhere. It only ever applies <c>Processed + 1</c>, so it can never skip or repeat an
/// event; a fault in <c>append</c> fails the view at the event that faulted, for good (until it is redeployed).
/// </summary>
internal sealed partial class ReplicaInstance(ViewRecord record, ViewEngine engine, CompiledView compiled, EventLog events,
    ViewCheckpoints checkpoints, ILogger logger) : IDisposable
{
    private readonly Stopwatch _applyClock = new();
    private readonly StepSize _step = new();
    private ViewInstance? _instance = engine.Instantiate(compiled); // null while hibernating
    private long _processed;
    private long _applied;
    private long _checkpoint;
    private ViewFailure? _failure;
    private long _lastApplied = Environment.TickCount64;

    public long Processed => Volatile.Read(ref _processed);

    public ViewFailure? Failure => Volatile.Read(ref _failure);

    public long EventsApplied => Volatile.Read(ref _applied);

    public double ApplyRate => _applyClock.Elapsed.TotalSeconds > 0 ? EventsApplied / _applyClock.Elapsed.TotalSeconds : 0;

    /// <summary>The sequence of the latest checkpoint written or restored (0 for none).</summary>
    public long CheckpointSequence => Volatile.Read(ref _checkpoint);

    public long RestoredFromSequence { get; private set; }

    /// <summary>How many events the loop should apply in one step (<see cref="StepSize"/>).</summary>
    public int StepEvents => _step.Events;

    /// <summary>
    /// Applies <paramref name="batch"/>, which must start at <see cref="Processed"/> + 1 without holes, in a
    /// <c>view.apply</c> span tied to <paramref name="traces"/> (the delivering commits'; none when read from the log).
    /// </summary>
    public void Apply(IReadOnlyList<StoredEvent> batch, IReadOnlyList<System.Diagnostics.ActivityContext>? traces = null)
    {
        using var span = ViewTelemetry.StartApply(record, batch, traces ?? []);
        var viewEvents = new ViewEvent[batch.Count];
        for (var i = 0; i < batch.Count; i++)
        {
            if (batch[i].Sequence != Processed + 1 + i)
            {
                // Never skip: a gap here is a bug in the read path, not something to paper over.
                throw new InvalidOperationException($"Sequence {batch[i].Sequence} came where {Processed + 1 + i} was due.");
            }

            viewEvents[i] = new ViewEvent((ulong)batch[i].Sequence, batch[i].Data);
        }

        var started = _applyClock.Elapsed;
        _applyClock.Start();
        try
        {
            Live.Apply(viewEvents);
            Advance(batch[^1].Sequence, batch.Count);
        }
        catch (ViewFaultException fault)
        {
            // The budget is per event, so the fault names the event that caused it; those before it were applied.
            var failed = (long)(fault.Sequence ?? (ulong)batch[0].Sequence);
            Advance(failed - 1, (int)(failed - batch[0].Sequence));
            Fail(failed, fault.Message);
            ViewTelemetry.Failed(span, failed);
        }
        finally
        {
            _applyClock.Stop();
            _step.Took(batch.Count, _applyClock.Elapsed - started);
        }
    }

    /// <summary>
    /// Reads the next page of the log after <see cref="Processed"/> (up to <paramref name="target"/>, a whole page
    /// however small the step, so replay costs few storage rows per event) and applies one step of it. Returns the
    /// events read but not applied (for the caller to keep), or null if the log has none.
    /// </summary>
    public async Task<IReadOnlyList<StoredEvent>?> ApplyFromLogAsync(long target, CancellationToken cancellationToken)
    {
        var limit = (int)Math.Clamp(target - Processed, 1, StepSize.PageEvents);
        var page = await events.ReadAsync(record.LogId, Processed, limit, LogLimits.MaxPageBytes, cancellationToken);
        if (page.Events.Count == 0)
        {
            return null;
        }

        var step = Math.Min(page.Events.Count, StepEvents);
        if (step == page.Events.Count)
        {
            Apply(page.Events);
            return [];
        }

        Apply([.. page.Events.Take(step)]);
        return [.. page.Events.Skip(step)];
    }

    /// <summary>The view's answer; a trap or exhausted budget fails this query only, and the instance is rebuilt before its next use.</summary>
    public async Task<byte[]> QueryAsync(byte[] input, CancellationToken cancellationToken)
    {
        await EnsureLiveAsync(cancellationToken);
        return Live.Query(input);
    }

    /// <summary>Snapshots the state for a checkpoint; a failing snapshot fails the view.</summary>
    public ViewCheckpoint? Snapshot()
    {
        try
        {
            return new ViewCheckpoint(Processed, record.ContentHash, record.Version, Live.Snapshot());
        }
        catch (ViewFaultException fault)
        {
            Fail(Processed + 1, fault.Message);
            return null;
        }
    }

    public void Checkpointed(long sequence) => Volatile.Write(ref _checkpoint, sequence);

    /// <summary>Moves to the deployment's latest checkpoint when it is ahead of this instance (on load, and on becoming leader).</summary>
    public async Task RestoreLatestAsync(CancellationToken cancellationToken)
    {
        if (await checkpoints.ReadAsync(record, cancellationToken) is { } checkpoint && checkpoint.Sequence > Processed && Failure is null)
        {
            if (TryRestore(checkpoint))
            {
                RestoredFromSequence = checkpoint.Sequence;
            }
        }
    }

    /// <summary>After a failed query killed the instance, or after hibernating: the same state again, from the latest checkpoint at or before it and the log.</summary>
    public async Task EnsureLiveAsync(CancellationToken cancellationToken)
    {
        if (_instance is { DeadReason: null } || (_instance is not null && Failure is not null))
        {
            return;
        }

        var target = Processed;
        Replace(engine.Instantiate(compiled), 0);
        if (await checkpoints.ReadAsync(record, cancellationToken) is { } checkpoint && checkpoint.Sequence <= target)
        {
            TryRestore(checkpoint);
        }

        while (Failure is null && Processed < target && await ApplyFromLogAsync(target, cancellationToken) is { } rest)
        {
            for (var offset = 0; offset < rest.Count && Failure is null;)
            {
                List<StoredEvent> chunk = [.. rest.Skip(offset).Take(StepEvents)];
                Apply(chunk);
                offset += chunk.Count;
                await Task.Yield(); // other views take their turn between steps of a rebuild too
            }
        }
    }

    /// <summary>
    /// Restores a checkpoint into a fresh instance. A <c>restore</c> that traps fails the view at the checkpoint's
    /// sequence, as the contract says: its snapshot and restore disagree, a bug a replay would only hide.
    /// </summary>
    private bool TryRestore(ViewCheckpoint checkpoint)
    {
        var fresh = engine.Instantiate(compiled);
        try
        {
            fresh.Restore(checkpoint.State);
        }
        catch (ViewFaultException fault)
        {
            fresh.Dispose();
            Fail(checkpoint.Sequence, $"restoring the checkpoint at sequence {checkpoint.Sequence} failed: {fault.Message}");
            return false;
        }

        Replace(fresh, checkpoint.Sequence);
        Volatile.Write(ref _checkpoint, checkpoint.Sequence);
        return true;
    }

    private void Replace(ViewInstance fresh, long processed)
    {
        _instance?.Dispose();
        _instance = fresh;
        Volatile.Write(ref _processed, processed);
    }

    /// <summary>When an event was last applied (<see cref="Environment.TickCount64"/>).</summary>
    public long LastApplied => Volatile.Read(ref _lastApplied);

    private void Advance(long processed, int applied)
    {
        ViewTelemetry.Applied(applied);
        Volatile.Write(ref _lastApplied, Environment.TickCount64);
        Volatile.Write(ref _applied, _applied + applied);
        Volatile.Write(ref _processed, processed);
    }

    private void Fail(long sequence, string message)
    {
        Volatile.Write(ref _failure, new ViewFailure(sequence, message));
        LogFailed(logger, record.LogId, record.Name, sequence, message);
    }

    /// <summary>True while the instance is let go (<see cref="Hibernate"/>); the next event or query brings it back.</summary>
    public bool IsHibernating => Volatile.Read(ref _instance) is null;

    /// <summary>
    /// Lets the instance go when everything applied is in the checkpoint: an idle view then costs no linear memory or
    /// store, and <see cref="EnsureLiveAsync"/> brings it back from that checkpoint (no replay) when it is next used.
    /// </summary>
    public bool Hibernate()
    {
        if (_instance is null || Failure is not null || Processed != CheckpointSequence)
        {
            return false;
        }

        _instance.Dispose();
        Volatile.Write(ref _instance, null);
        return true;
    }

    private ViewInstance Live => _instance ?? throw new InvalidOperationException("The view's instance is hibernating; EnsureLiveAsync first.");

    public void Dispose() => _instance?.Dispose();

    [LoggerMessage(Level = LogLevel.Warning, Message = "View {ViewName} of log {LogId} failed at sequence {Sequence}: {Reason}")]
    private static partial void LogFailed(ILogger logger, string logId, string viewName, long sequence, string reason);
}
