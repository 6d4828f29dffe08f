using System.Diagnostics.Metrics;
using Primatomic.Functions.Hosting;

namespace Primatomic.Functions.Logs.Storage;

/// <summary>
/// What one <see cref="EventLog"/> cost storage: rows read and events returned by reads, entities written and events
/// committed by appends, keyed appends dropped from the idempotency window early (over its key cap). Each count is also
/// published on the process-wide meter <c>Primatomic.Logs</c> for benchmarks and operators; the per-instance totals
/// let tests measure one store without seeing the others in the process.
/// </summary>
public sealed class LogStorageCounters
{
    public const string MeterName = LogTelemetry.MeterName;

    private static readonly Meter Meter = LogTelemetry.Meter;
    private static readonly Counter<long> RowsReadCounter = Meter.CreateCounter<long>("primatomic.logs.rows_read", "{row}");
    private static readonly Counter<long> EventsReadCounter = Meter.CreateCounter<long>("primatomic.logs.events_read", "{event}");
    private static readonly Counter<long> EntitiesWrittenCounter = Meter.CreateCounter<long>("primatomic.logs.entities_written", "{entity}");
    private static readonly Counter<long> EventsWrittenCounter = Meter.CreateCounter<long>("primatomic.logs.events_written", "{event}");
    private static readonly Counter<long> KeysEvictedEarlyCounter = Meter.CreateCounter<long>("primatomic.logs.idempotency_keys_evicted_early", "{key}");
    private static readonly Counter<long> KeyRowsLoadedCounter = Meter.CreateCounter<long>("primatomic.logs.idempotency_rows_loaded", "{row}");

    // Per store: the process-wide instruments above, each with this store's own total.
    private readonly TotalledCounter _rowsRead = new(RowsReadCounter);
    private readonly TotalledCounter _eventsRead = new(EventsReadCounter);
    private readonly TotalledCounter _entitiesWritten = new(EntitiesWrittenCounter);
    private readonly TotalledCounter _eventsWritten = new(EventsWrittenCounter);
    private readonly TotalledCounter _keysEvictedEarly = new(KeysEvictedEarlyCounter);
    private readonly TotalledCounter _keyRowsLoaded = new(KeyRowsLoadedCounter);

    public long RowsRead => _rowsRead.Total;
    public long EventsRead => _eventsRead.Total;

    /// <summary>Entities in landed commit transactions (head, segment rows); markers cost none of their own.</summary>
    public long EntitiesWritten => _entitiesWritten.Total;
    public long EventsWritten => _eventsWritten.Total;

    /// <summary>Keys forgotten before their time window ran out because the window's key cap was reached.</summary>
    public long KeysEvictedEarly => _keysEvictedEarly.Total;

    /// <summary>Segment rows read to (re)build idempotency windows: at a writer's start and after other writers' commits.</summary>
    public long KeyRowsLoaded => _keyRowsLoaded.Total;

    internal void Read(long rows, long events)
    {
        _rowsRead.Add(rows);
        _eventsRead.Add(events);
    }

    internal void Committed(long entities, long events)
    {
        _entitiesWritten.Add(entities);
        _eventsWritten.Add(events);
    }

    internal void EvictedEarly(long keys) => _keysEvictedEarly.Add(keys);

    internal void LoadedKeyRows(long rows) => _keyRowsLoaded.Add(rows);
}
