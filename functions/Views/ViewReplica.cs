using Stopwatch = System.Diagnostics.Stopwatch;
using Primatomic.Functions.Logs;
using Primatomic.Functions.Logs.Storage;

using Primatomic.Functions.Views.Runtime;

namespace Primatomic.Functions.Views;

/// <summary>
/// This process's copy of one view: an instance fed from the log strictly in order. It only ever applies
/// <c>processed + 1</c>, reading missing ranges from the log, so it can never skip an event; on a fault it stops
/// at the failing event for good (until the view is redeployed).
/// </summary>
public sealed partial class ViewReplica : IAsyncDisposable
{
    private const int PageEvents = 1000;
    private readonly ViewEngine _engine;
    private readonly CompiledView _compiled;
    private readonly EventLog _events;
    private readonly ViewCheckpoints _checkpoints;
    private readonly ViewLeases _leases;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _catchUp = new(1, 1);
    private readonly Lock _instanceLock = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly Stopwatch _applyClock = new();
    private ViewInstance _instance;
    private long _processed;
    private long _applied;
    private Task _background = Task.CompletedTask;

    public ViewReplica(ViewRecord record, ViewEngine engine, CompiledView compiled, EventLog events, ViewCheckpoints checkpoints,
        ViewLeases leases, ILogger logger)
    {
        _leases = leases;
        Record = record;
        _engine = engine;
        _compiled = compiled;
        _events = events;
        _checkpoints = checkpoints;
        _logger = logger;
        _instance = engine.Instantiate(compiled);
    }

    public ViewRecord Record { get; }

    public long ProcessedSequence => Volatile.Read(ref _processed);

    public ViewFailure? Failure { get; private set; }

    /// <summary>Events this replica has applied since it started (a restart from a checkpoint applies only the tail).</summary>
    public long EventsApplied => Volatile.Read(ref _applied);

    /// <summary>Events applied per second of time spent inside <c>apply</c> (0 before the first event).</summary>
    public double ApplyRate => _applyClock.Elapsed.TotalSeconds > 0 ? Volatile.Read(ref _applied) / _applyClock.Elapsed.TotalSeconds : 0;

    /// <summary>
    /// Starts contending for the view's lease in the background; as leader it follows the log, woken by this
    /// process's commits and polling for others'. Non-leaders catch up only when a query asks them to.
    /// </summary>
    public void Start(TimeSpan poll) => _background = Task.Run(() => FollowAsync(poll, _stopping.Token));

    /// <summary>Applies events until <paramref name="target"/> is processed, the log has no more, or the view fails.</summary>
    public async Task CatchUpAsync(long target, CancellationToken cancellationToken)
    {
        await _catchUp.WaitAsync(cancellationToken);
        try
        {
            if (Failure is null && _instance.DeadReason is not null)
            {
                // A query trapped and took the instance with it: rebuild the same state from the checkpoint and the log.
                await RebuildBeforeAsync(ProcessedSequence + 1, cancellationToken);
            }

            await ApplyOfferedAsync(cancellationToken);
            while (Failure is null && ProcessedSequence < target)
            {
                var page = await _events.ReadAsync(Record.LogId, ProcessedSequence, PageEvents, LogLimits.MaxPageBytes, cancellationToken);
                if (page.Events.Count == 0)
                {
                    return;
                }

                await ApplyAsync(Contiguous(page.Events, ProcessedSequence), cancellationToken);
            }
        }
        finally
        {
            _catchUp.Release();
        }
    }

    /// <summary>Rebuilds the instance if a failed query left it dead, so the next query has one to ask.</summary>
    public Task EnsureLiveAsync(CancellationToken cancellationToken) =>
        _instance.DeadReason is null || Failure is not null ? Task.CompletedTask : CatchUpAsync(ProcessedSequence, cancellationToken);

    public byte[] Query(ReadOnlySpan<byte> input)
    {
        lock (_instanceLock)
        {
            if (Failure is not null)
            {
                throw new ViewFaultException(Failure.Message, (ulong)Failure.Sequence);
            }

            try
            {
                return _instance.Query(input);
            }
            catch (ViewFaultException fault) when (fault.IsFatal)
            {
                Failure = new ViewFailure(ProcessedSequence + 1, fault.Message);
                LogFailed(_logger, Record.LogId, Record.Name, Failure.Sequence, fault.Message);
                throw;
            }
        }
    }

    private void Apply(ViewInstance instance, IReadOnlyList<StoredEvent> batch)
    {
        var events = new ViewEvent[batch.Count];
        for (var i = 0; i < batch.Count; i++)
        {
            events[i] = new ViewEvent((ulong)batch[i].Sequence, batch[i].Data);
        }

        lock (_instanceLock)
        {
            _applyClock.Start();
            try
            {
                instance.Apply(events);
            }
            finally
            {
                _applyClock.Stop();
            }

            Volatile.Write(ref _applied, _applied + batch.Count);
            Volatile.Write(ref _processed, batch[^1].Sequence);
        }
    }

    private static IReadOnlyList<StoredEvent> Contiguous(IReadOnlyList<StoredEvent> page, long processed)
    {
        for (var i = 0; i < page.Count; i++)
        {
            if (page[i].Sequence != processed + 1 + i)
            {
                // Never skip: a gap here is a bug in the log read path, not something to paper over.
                throw new InvalidOperationException($"The log returned sequence {page[i].Sequence} where {processed + 1 + i} was due.");
            }
        }

        return page;
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await _background.ContinueWith(_ => { }, TaskScheduler.Default);
        await _catchUp.WaitAsync();
        lock (_instanceLock)
        {
            _instance.Dispose();
        }

        _compiled.Dispose();
        _catchUp.Dispose();
        _stopping.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "View {ViewName} of log {LogId} failed at sequence {Sequence}: {Reason}")]
    private static partial void LogFailed(ILogger logger, string logId, string viewName, long sequence, string reason);

}
