using System.Diagnostics.Metrics;

namespace Primatomic.Functions.Fanout;

/// <summary>
/// Counters of the fan-out, on the meter <c>Primatomic.Fanout</c> (events unless stated): published, failed (gave up
/// after retries), dropped (publish queue full), retried (REST attempts repeated), references (published without
/// bytes), received (delivered from Event Hubs invocations) and malformed (invocation items skipped).
/// </summary>
public sealed class FanoutMetrics
{
    public const string MeterName = "Primatomic.Fanout";

    private readonly Counter<long> _published, _failed, _dropped, _retried, _references, _received, _malformed;
    private long _publishedTotal, _failedTotal, _droppedTotal, _retriedTotal, _referencesTotal, _receivedTotal, _malformedTotal;

    public FanoutMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _published = meter.CreateCounter<long>("primatomic.fanout.published", "{event}", "Events published to Event Hubs.");
        _failed = meter.CreateCounter<long>("primatomic.fanout.failed", "{event}", "Events whose publish failed after retries.");
        _dropped = meter.CreateCounter<long>("primatomic.fanout.dropped", "{event}", "Events dropped because the publish queue was full.");
        _retried = meter.CreateCounter<long>("primatomic.fanout.retried", "{request}", "Publish requests repeated after a failure.");
        _references = meter.CreateCounter<long>("primatomic.fanout.references", "{event}", "Events published as a reference, without bytes.");
        _received = meter.CreateCounter<long>("primatomic.fanout.received", "{event}", "Events received from Event Hubs invocations.");
        _malformed = meter.CreateCounter<long>("primatomic.fanout.malformed", "{item}", "Invocation items that could not be read.");
    }

    public long Published => Interlocked.Read(ref _publishedTotal);
    public long Failed => Interlocked.Read(ref _failedTotal);
    public long Dropped => Interlocked.Read(ref _droppedTotal);
    public long Retried => Interlocked.Read(ref _retriedTotal);
    public long References => Interlocked.Read(ref _referencesTotal);
    public long Received => Interlocked.Read(ref _receivedTotal);
    public long Malformed => Interlocked.Read(ref _malformedTotal);

    public void AddPublished(long events) => Add(_published, ref _publishedTotal, events);
    public void AddFailed(long events) => Add(_failed, ref _failedTotal, events);
    public void AddDropped(long events) => Add(_dropped, ref _droppedTotal, events);
    public void AddRetried() => Add(_retried, ref _retriedTotal, 1);
    public void AddReferences(long events) => Add(_references, ref _referencesTotal, events);
    public void AddReceived(long events) => Add(_received, ref _receivedTotal, events);
    public void AddMalformed() => Add(_malformed, ref _malformedTotal, 1);

    private static void Add(Counter<long> counter, ref long total, long value)
    {
        if (value > 0)
        {
            counter.Add(value);
            Interlocked.Add(ref total, value);
        }
    }

    public override string ToString() =>
        $"published {Published}, references {References}, retried {Retried}, failed {Failed}, dropped {Dropped}, received {Received}, malformed {Malformed}";
}
