using Primatomic.Functions.Hosting.Telemetry;
using Primatomic.Functions.Logs.Storage;
using Primatomic.Functions.Views;

namespace Primatomic.Functions.Fanout;

/// <summary>
/// The embedded fan-out: hands every commit of this process to this process's replicas of the log's views, so a
/// query here that asks for a sequence just appended here needs no read of the log. Other instances' commits reach
/// replicas through the leader's head poll (and, in Azure, through Event Hubs).
/// </summary>
public sealed class InProcessDispatcher(CommitSignals signals, ViewReplicas replicas) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        // The commit's trace context rides along, so the replicas' apply spans join the append's trace.
        signals.Subscribe((logId, events, trace) => replicas.Deliver(logId, events, TraceContexts.One(trace)));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
