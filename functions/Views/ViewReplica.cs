using Primatomic.Functions.Logs.Storage;
using Primatomic.Functions.Views.Replicas;
using Primatomic.Functions.Views.Runtime;

namespace Primatomic.Functions.Views;

/// <summary>
/// This process's copy of one deployed view: an instance fed from the log strictly in order by one loop
/// (<see cref="ReplicaLoop"/>) that owns it. Everything here either reads published progress or asks the loop.
/// Guarantees: never skips, never applies twice, stops for good at a failing event, restarts from checkpoints,
/// and reads its own writes (<see cref="CatchUpAsync"/>).
/// </summary>
public sealed class ViewReplica : IAsyncDisposable
{
    private readonly CompiledView _compiled;
    private readonly ReplicaInstance _state;
    private readonly OfferBuffer _offers = new();
    private readonly ReplicaLoop _loop;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ViewThreads _threads;
    private Task _running = Task.CompletedTask;
    private long _lastUsed = Environment.TickCount64;

    public ViewReplica(ViewRecord record, ViewEngine engine, CompiledView compiled, EventLog events, ViewCheckpoints checkpoints,
        ViewThreads threads, ILogger logger)
    {
        Record = record;
        _threads = threads;
        _compiled = compiled;
        _state = new ReplicaInstance(record, engine, compiled, events, checkpoints, logger);
        _loop = new ReplicaLoop(record, _state, _offers, checkpoints, engine.Limits, threads, logger);
    }

    public ViewRecord Record { get; }

    public long ProcessedSequence => _state.Processed;

    public ViewFailure? Failure => _state.Failure;

    /// <summary>Events this replica has applied since it started (a restart from a checkpoint applies only the tail).</summary>
    public long EventsApplied => _state.EventsApplied;

    /// <summary>Events applied per second of time spent inside <c>append</c> (0 before the first event).</summary>
    public double ApplyRate => _state.ApplyRate;

    /// <summary>The sequence of the latest checkpoint this replica wrote or restored from (0 for none).</summary>
    public long CheckpointSequence => _state.CheckpointSequence;

    /// <summary>The checkpoint this replica started from, or 0 when it replayed from the beginning.</summary>
    public long RestoredFromSequence => _state.RestoredFromSequence;

    /// <summary>
    /// Set while this instance leads the view's shard: the replica is then fed by its log's follower and writes
    /// checkpoints. Otherwise it was loaded on demand, for queries here, and is dropped when idle.
    /// </summary>
    public bool IsLeader
    {
        get => _loop.IsLeader;
        set => _loop.IsLeader = value;
    }

    /// <summary>When this replica last served a query or stats call here (<see cref="Environment.TickCount64"/>).</summary>
    public long LastUsed => Volatile.Read(ref _lastUsed);

    public void Touch() => Volatile.Write(ref _lastUsed, Environment.TickCount64);

    /// <summary>The highest sequence delivered to this replica: it is known to exist in the log.</summary>
    public long OfferedThrough => _offers.Through;

    /// <summary>Starts the loop; with <paramref name="restore"/> it first moves to the deployment's latest checkpoint.</summary>
    public void Start(bool restore) => _running = _threads.Run(() => _loop.RunAsync(restore, _stopping.Token));

    /// <summary>
    /// Hands committed events to the replica. Deliveries continuing at processed + 1 are applied without reading the
    /// table; anything else falls back to the log, so a lost, duplicated or reordered delivery costs a read, never correctness.
    /// <paramref name="traces"/> are the trace contexts of the commits delivered, for the apply span to link to.
    /// </summary>
    public void Offer(IReadOnlyList<StoredEvent> events, IReadOnlyList<System.Diagnostics.ActivityContext>? traces = null)
    {
        if (events.Count > 0 && Failure is null && _offers.Add(events, ProcessedSequence, traces))
        {
            _loop.Wake();
        }
    }

    /// <summary>Returns once <paramref name="target"/> is processed, the view failed, or the log has no more.</summary>
    public Task CatchUpAsync(long target, CancellationToken cancellationToken)
    {
        if (ProcessedSequence >= target || Failure is not null)
        {
            return Task.CompletedTask;
        }

        var request = new CatchUpRequest(target, cancellationToken);
        return SendAsync(request, request.Done);
    }

    /// <summary>The view's answer at its current position. A failed query throws a non-fatal <see cref="ViewFaultException"/>.</summary>
    public Task<byte[]> QueryAsync(ReadOnlyMemory<byte> input, CancellationToken cancellationToken)
    {
        var request = new QueryRequest(input.ToArray(), cancellationToken);
        return SendAsync(request, request.Answer);
    }

    /// <summary>Has the loop do one pass of its duties now (apply what it was given; as leader, a due checkpoint) and waits for it.</summary>
    public Task SweepAsync(CancellationToken cancellationToken)
    {
        var request = new SweepRequest(cancellationToken);
        return SendAsync(request, request.Done);
    }

    /// <summary>True while the replica has let its instance go; its next event or query brings it back from its checkpoint.</summary>
    public bool IsHibernating => _state.IsHibernating;

    /// <summary>When the replica last applied an event or answered a query here (<see cref="Environment.TickCount64"/>).</summary>
    public long LastActive => Math.Max(LastUsed, _state.LastApplied);

    /// <summary>Checkpoints and lets the instance go if nothing is left to apply (an idle led view); waits for the pass.</summary>
    public Task HibernateAsync(CancellationToken cancellationToken)
    {
        var request = new SweepRequest(cancellationToken, hibernate: true);
        return SendAsync(request, request.Done);
    }

    private async Task SendAsync(ReplicaRequest request, TaskCompletionSource done)
    {
        using var cancel = request.CancellationToken.Register(() => done.TrySetCanceled(request.CancellationToken));
        _loop.Post(request);
        _loop.Wake();
        await done.Task;
    }

    private async Task<T> SendAsync<T>(ReplicaRequest request, TaskCompletionSource<T> done)
    {
        using var cancel = request.CancellationToken.Register(() => done.TrySetCanceled(request.CancellationToken));
        _loop.Post(request);
        _loop.Wake();
        return await done.Task;
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await _running.ContinueWith(_ => { }, TaskScheduler.Default);
        _state.Dispose();
        _compiled.Dispose();
        _stopping.Dispose();
    }
}
