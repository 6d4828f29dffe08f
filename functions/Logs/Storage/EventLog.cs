using Azure.Data.Tables;

namespace Primatomic.Functions.Logs.Storage;

/// <summary>
/// The events of every log: durable appends through one group-commit <see cref="LogWriter"/> per log (created on
/// demand, retired after idling so memory stays bounded) and reads straight from the table.
/// </summary>
public sealed class EventLog : IAsyncDisposable
{
    private readonly Dictionary<string, LogWriter> _writers = new(StringComparer.Ordinal);
    private readonly EventTable _table;
    private readonly CommitSignals _signals;
    private readonly ILogger<EventLog> _logger;
    private readonly TimeSpan _idleAfter;
    private readonly TimeSpan _commitBudget;
    private readonly KeyWindowSettings _keyWindow;

    /// <param name="commitBudget">
    /// How long a group may keep retrying before it is fenced and answered 503; the default of 60 s stays well inside
    /// the Functions host's 230 s HTTP timeout.
    /// </param>
    /// <param name="keyWindow">How far back idempotency keys are recognised (<see cref="KeyWindowSettings.Default"/>).</param>
    public EventLog(TableClient events, CommitSignals signals, ILogger<EventLog> logger, TimeSpan? idleAfter = null,
        TimeSpan? commitBudget = null, KeyWindowSettings? keyWindow = null)
    {
        _table = new EventTable(events, Counters);
        _keyWindow = keyWindow ?? KeyWindowSettings.Default;
        _signals = signals;
        _logger = logger;
        _idleAfter = idleAfter ?? TimeSpan.FromSeconds(30);
        _commitBudget = commitBudget ?? TimeSpan.FromSeconds(60);
    }

    public CommitSignals Signals => _signals;

    /// <summary>What this store has cost storage so far (rows read, entities written; see <see cref="LogStorageCounters"/>).</summary>
    public LogStorageCounters Counters { get; } = new();

    /// <summary>How many writers are alive (for tests of the idle retirement).</summary>
    public int WriterCount
    {
        get { lock (_writers) { return _writers.Count; } }
    }

    /// <summary>
    /// Appends <paramref name="events"/> as consecutive sequences, atomically, and answers once storage confirmed the
    /// commit. Once queued, the append may already be in flight, so cancelling does not withdraw it: when
    /// <paramref name="answerBy"/> fires first (the request's deadline) the caller is answered
    /// <see cref="AppendStatus.Unavailable"/> at once, which is honest, since an append answered so may still commit
    /// (its Idempotency-Key then answers a retry with the original sequences). An append still queued at its deadline
    /// is never committed.
    /// </summary>
    public async Task<AppendOutcome> AppendAsync(string logId, IReadOnlyList<byte[]> events, string? idempotencyKey = null,
        long? expectedSequence = null, CancellationToken answerBy = default)
    {
        ArgumentOutOfRangeException.ThrowIfZero(events.Count);
        var item = new PendingAppend(events, idempotencyKey, expectedSequence, answerBy);
        lock (_writers)
        {
            if (!_writers.TryGetValue(logId, out var writer) || !writer.TryEnqueue(item))
            {
                writer = new LogWriter(logId, _table, _signals, _logger, _idleAfter, _commitBudget, RetireIfIdle, _keyWindow);
                _writers[logId] = writer;
                writer.TryEnqueue(item);
            }
        }

        AppendOutcome outcome;
        try
        {
            outcome = await item.Completion.Task.WaitAsync(answerBy);
        }
        catch (OperationCanceledException) when (answerBy.IsCancellationRequested)
        {
            outcome = AppendOutcome.Unavailable;
        }

        LogTelemetry.Answered(outcome.Status);
        return outcome;
    }

    /// <summary>The last committed sequence, read from storage (0 before the first append).</summary>
    public async Task<long> ReadHeadAsync(string logId, CancellationToken cancellationToken) =>
        (await _table.ReadHeadAsync(logId, cancellationToken)).Head;

    public Task<EventPage> ReadAsync(string logId, long after, int limit, int maxBytes, CancellationToken cancellationToken) =>
        _table.ReadEventsAsync(logId, after, limit, maxBytes, cancellationToken);

    private void RetireIfIdle(LogWriter writer)
    {
        lock (_writers)
        {
            if (writer.TryRetire() && _writers.TryGetValue(writer.LogId, out var current) && current == writer)
            {
                _writers.Remove(writer.LogId);
            }
        }
    }

    /// <summary>Lets every writer finish what it accepted (a graceful shutdown answers all waiters).</summary>
    public async ValueTask DisposeAsync()
    {
        List<LogWriter> writers;
        lock (_writers)
        {
            writers = [.. _writers.Values];
            _writers.Clear();
            writers.ForEach(w => w.Retire());
        }

        await Task.WhenAll(writers.Select(w => w.Completion));
    }
}
