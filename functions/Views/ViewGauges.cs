using System.Diagnostics.Metrics;

namespace Primatomic.Functions.Views;

/// <summary>
/// Gauges over this instance's replicas, read when a metric reader collects (never on the apply path), on the meter
/// <c>Primatomic.Views</c>. Per-view series would grow with every tenant's views, so they are aggregated: the worst
/// lag, and replica counts, by role and state only (at most six series). Per-view lag is in each view's stats.
/// A hosted service only so that it exists from the start: it has no work of its own.
/// </summary>
public sealed class ViewGauges : IHostedService
{
    public ViewGauges(IMeterFactory meters, ViewReplicas replicas)
    {
        var meter = meters.Create(ViewTelemetry.MeterName);
        meter.CreateObservableGauge("primatomic.views.lag", () => Lag(replicas), "{event}",
            "Largest number of events this instance's running replicas know exist but have not applied yet, by role (leading, on_demand).");
        meter.CreateObservableGauge("primatomic.views.replicas", () => Counts(replicas), "{replica}",
            "Replicas on this instance, by role (leading, on_demand) and state (running, hibernating, failed).");
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static IEnumerable<Measurement<long>> Lag(ViewReplicas replicas) =>
        replicas.All.Where(replica => replica.Failure is null)
            .GroupBy(Role)
            .Select(role => new Measurement<long>(role.Max(r => Math.Max(0, r.OfferedThrough - r.ProcessedSequence)), Tag("primatomic.view.role", role.Key)));

    private static IEnumerable<Measurement<int>> Counts(ViewReplicas replicas) =>
        replicas.All.GroupBy(replica => (Role: Role(replica), State: State(replica)))
            .Select(group => new Measurement<int>(group.Count(), Tag("primatomic.view.role", group.Key.Role), Tag("primatomic.view.state", group.Key.State)));

    private static string Role(ViewReplica replica) => replica.IsLeader ? "leading" : "on_demand";

    private static string State(ViewReplica replica) =>
        replica.Failure is not null ? "failed" : replica.IsHibernating ? "hibernating" : "running";

    private static KeyValuePair<string, object?> Tag(string name, string value) => new(name, value);
}
