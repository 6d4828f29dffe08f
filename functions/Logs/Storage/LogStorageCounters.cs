using System.Diagnostics.Metrics;

namespace Primatomic.Functions.Logs.Storage;

/// <summary>
/// What one <see cref="EventLog"/> cost storage: rows read and events returned by reads, entities written and events
/// committed by appends, keyed appends dropped from the idempotency window early (over its key cap). Each count is also
/// published on the process-wide meter <c>Primatomic.Logs</c> for benchmarks and operators; the per-instance totals
/// let tests measure one store without seeing the others in the process.
/// </summary>
public sealed class LogStorageCounters
{
    public const string MeterName = "Primatomic.Logs";

    private static readonly Meter Meter = new(MeterName);
    private static readonly Counter<long> RowsReadCounter = Meter.CreateCounter<long>("primatomic.logs.rows_read", "{row}");
    private static readonly Counter<long> EventsReadCounter = Meter.CreateCounter<long>("primatomic.logs.events_read", "{event}");
    private static readonly Counter<long> EntitiesWrittenCounter = Meter.CreateCounter<long>("primatomic.logs.entities_written", "{entity}");
    private static readonly Counter<long> EventsWrittenCounter = Meter.CreateCounter<long>("primatomic.logs.events_written", "{event}");
    private static readonly Counter<long> KeysEvictedEarlyCounter = Meter.CreateCounter<long>("primatomic.logs.idempotency_keys_evicted_early", "{key}");
    private static readonly Counter<long> KeyRowsLoadedCounter = Meter.CreateCounter<long>("primatomic.logs.idempotency_rows_loaded", "{row}");

    private long _rowsRead;
    private long _eventsRead;
    private long _entitiesWritten;
    private long _eventsWritten;
    private long _keysEvictedEarly;
    private long _keyRowsLoaded;

    public long RowsRead => Volatile.Read(ref _rowsRead);
    public long EventsRead => Volatile.Read(ref _eventsRead);

    /// <summary>Entities in landed commit transactions (head, segment rows); markers cost none of their own.</summary>
    public long EntitiesWritten => Volatile.Read(ref _entitiesWritten);
    public long EventsWritten => Volatile.Read(ref _eventsWritten);

    /// <summary>Keys forgotten before their time window ran out because the window's key cap was reached.</summary>
    public long KeysEvictedEarly => Volatile.Read(ref _keysEvictedEarly);

    /// <summary>Segment rows read to (re)build idempotency windows: at a writer's start and after other writers' commits.</summary>
    public long KeyRowsLoaded => Volatile.Read(ref _keyRowsLoaded);

    internal void Read(long rows, long events)
    {
        Interlocked.Add(ref _rowsRead, rows);
        Interlocked.Add(ref _eventsRead, events);
        RowsReadCounter.Add(rows);
        EventsReadCounter.Add(events);
    }

    internal void Committed(long entities, long events)
    {
        Interlocked.Add(ref _entitiesWritten, entities);
        Interlocked.Add(ref _eventsWritten, events);
        EntitiesWrittenCounter.Add(entities);
        EventsWrittenCounter.Add(events);
    }

    internal void EvictedEarly(long keys)
    {
        Interlocked.Add(ref _keysEvictedEarly, keys);
        KeysEvictedEarlyCounter.Add(keys);
    }

    internal void LoadedKeyRows(long rows)
    {
        Interlocked.Add(ref _keyRowsLoaded, rows);
        KeyRowsLoadedCounter.Add(rows);
    }
}
