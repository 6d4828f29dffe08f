using System.Diagnostics.Metrics;
using Primatomic.Functions.Hosting;

namespace Primatomic.Functions.Fanout;

/// <summary>
/// Counters of the fan-out, on the meter <c>Primatomic.Fanout</c> (events unless stated): published, failed (gave up
/// after retries), dropped (publish queue full), retried (REST attempts repeated), references (published without
/// bytes), received (delivered from Event Hubs invocations) and malformed (invocation items skipped).
/// </summary>
public sealed class FanoutMetrics
{
    public const string MeterName = "Primatomic.Fanout";

    private readonly TotalledCounter _published, _failed, _dropped, _retried, _references, _received, _malformed;

    public FanoutMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        TotalledCounter Counter(string name, string unit, string description) => new(meter.CreateCounter<long>(name, unit, description));
        _published = Counter("primatomic.fanout.published", "{event}", "Events published to Event Hubs.");
        _failed = Counter("primatomic.fanout.failed", "{event}", "Events whose publish failed after retries.");
        _dropped = Counter("primatomic.fanout.dropped", "{event}", "Events dropped because the publish queue was full.");
        _retried = Counter("primatomic.fanout.retried", "{request}", "Publish requests repeated after a failure.");
        _references = Counter("primatomic.fanout.references", "{event}", "Events published as a reference, without bytes.");
        _received = Counter("primatomic.fanout.received", "{event}", "Events received from Event Hubs invocations.");
        _malformed = Counter("primatomic.fanout.malformed", "{item}", "Invocation items that could not be read.");
    }

    public long Published => _published.Total;
    public long Failed => _failed.Total;
    public long Dropped => _dropped.Total;
    public long Retried => _retried.Total;
    public long References => _references.Total;
    public long Received => _received.Total;
    public long Malformed => _malformed.Total;

    public void AddPublished(long events) => _published.Add(events);
    public void AddFailed(long events) => _failed.Add(events);
    public void AddDropped(long events) => _dropped.Add(events);
    public void AddRetried() => _retried.Add(1);
    public void AddReferences(long events) => _references.Add(events);
    public void AddReceived(long events) => _received.Add(events);
    public void AddMalformed() => _malformed.Add(1);

    public override string ToString() =>
        $"published {Published}, references {References}, retried {Retried}, failed {Failed}, dropped {Dropped}, received {Received}, malformed {Malformed}";
}
