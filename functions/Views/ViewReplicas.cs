using System.Collections.Concurrent;
using Primatomic.Functions.Logs.Storage;

using Primatomic.Functions.Views.Runtime;

namespace Primatomic.Functions.Views;

/// <summary>
/// The replicas this process runs, one per (log, view). A replica for an older deployment (lower version) is
/// replaced, so a redeploy rebuilds state from sequence 0 everywhere that serves the view.
/// </summary>
public sealed class ViewReplicas(ViewEngine engine, ViewBlobs blobs, ViewCheckpoints checkpoints, ViewLeases leases, EventLog events,
    ILogger<ViewReplica> logger)
    : IAsyncDisposable
{
    private readonly ConcurrentDictionary<(string LogId, string Name), ViewReplica> _replicas = new();
    private readonly SemaphoreSlim _loading = new(1, 1);

    public ViewReplica? Find(string logId, string name) => _replicas.GetValueOrDefault((logId, name));

    /// <summary>The running replica of this deployment, loading the compiled view from Blob Storage if needed.</summary>
    public async Task<ViewReplica> GetAsync(ViewRecord record, CancellationToken cancellationToken)
    {
        if (Current(record) is { } running)
        {
            return running;
        }

        await _loading.WaitAsync(cancellationToken);
        try
        {
            return Current(record) ?? await InstallLockedAsync(record, await blobs.LoadAsync(record.ContentHash, cancellationToken), restore: true, cancellationToken);
        }
        finally
        {
            _loading.Release();
        }
    }

    /// <summary>Starts a replica for a deployment whose component was just compiled; takes ownership of it.</summary>
    public async Task<ViewReplica> InstallAsync(ViewRecord record, CompiledView compiled)
    {
        await _loading.WaitAsync();
        try
        {
            return await InstallLockedAsync(record, compiled, restore: false, CancellationToken.None);
        }
        finally
        {
            _loading.Release();
        }
    }

    private async Task<ViewReplica> InstallLockedAsync(ViewRecord record, CompiledView compiled, bool restore, CancellationToken cancellationToken)
    {
        var key = (record.LogId, record.Name);
        if (_replicas.TryGetValue(key, out var old) && old.Record.Version >= record.Version)
        {
            compiled.Dispose();
            return old;
        }

        var replica = new ViewReplica(record, engine, compiled, events, checkpoints, leases, logger);
        if (restore)
        {
            // A deployment that other instances have been running: start from its latest checkpoint.
            await replica.RestoreAsync(cancellationToken);
        }

        _replicas[key] = replica;
        replica.Start(engine.Limits.FollowPoll);
        if (old is not null)
        {
            await old.DisposeAsync();
        }

        return replica;
    }

    /// <summary>Offers committed events of <paramref name="logId"/> to every replica of its views here.</summary>
    public void Deliver(string logId, IReadOnlyList<StoredEvent> events)
    {
        foreach (var ((replicaLogId, _), replica) in _replicas)
        {
            if (string.Equals(replicaLogId, logId, StringComparison.Ordinal))
            {
                replica.Offer(events);
            }
        }
    }

    /// <summary>Every replica this process runs.</summary>
    public IReadOnlyCollection<ViewReplica> All => [.. _replicas.Values];

    public async Task RemoveAsync(string logId, string name)
    {
        if (_replicas.TryRemove((logId, name), out var replica))
        {
            await replica.DisposeAsync();
        }
    }

    private ViewReplica? Current(ViewRecord record) =>
        _replicas.TryGetValue((record.LogId, record.Name), out var replica) && replica.Record.Version >= record.Version ? replica : null;

    public async ValueTask DisposeAsync()
    {
        foreach (var replica in _replicas.Values)
        {
            await replica.DisposeAsync();
        }

        _replicas.Clear();
        _loading.Dispose();
    }
}
