using System.Collections.Concurrent;
using Primatomic.Functions.Logs.Storage;
using Primatomic.Functions.Views.Replicas;
using Primatomic.Functions.Views.Runtime;

namespace Primatomic.Functions.Views;

/// <summary>
/// The replicas this process runs, one per (log, view). A replica for an older deployment (lower version) is
/// replaced, so a redeploy rebuilds state from sequence 0 everywhere that serves the view. Loads run per view, never
/// under a lock shared with other views: one view's slow compile or restore delays only itself.
/// </summary>
public sealed class ViewReplicas(ViewEngine engine, ViewBlobs blobs, ViewCheckpoints checkpoints, ViewLeases leases, EventLog events,
    ViewThreads threads, ILogger<ViewReplica> logger)
    : IAsyncDisposable
{
    private readonly ConcurrentDictionary<(string LogId, string Name), ViewReplica> _replicas = new();
    private readonly ConcurrentDictionary<(string LogId, string Name, long Version), Lazy<Task<ViewReplica>>> _loading = new();

    public ViewReplica? Find(string logId, string name) => _replicas.GetValueOrDefault((logId, name));

    /// <summary>The running replica of this deployment, loading the compiled view from Blob Storage if needed.</summary>
    public async Task<ViewReplica> GetAsync(ViewRecord record, CancellationToken cancellationToken)
    {
        if (Current(record) is { } running)
        {
            return running;
        }

        var key = (record.LogId, record.Name, record.Version);
        var load = _loading.GetOrAdd(key, _ => new Lazy<Task<ViewReplica>>(() => LoadAsync(record)));
        try
        {
            return await load.Value.WaitAsync(cancellationToken);
        }
        finally
        {
            if (load.Value.IsCompleted)
            {
                _loading.TryRemove(new KeyValuePair<(string, string, long), Lazy<Task<ViewReplica>>>(key, load));
            }
        }
    }

    /// <summary>Starts a replica for a deployment whose component was just compiled; takes ownership of it.</summary>
    public Task<ViewReplica> InstallAsync(ViewRecord record, CompiledView compiled) => InstallAsync(record, compiled, restore: false);

    private async Task<ViewReplica> LoadAsync(ViewRecord record)
    {
        // Not the caller's token: a load is shared by every caller that waits for it.
        var compiled = await blobs.LoadAsync(record.ContentHash, CancellationToken.None);
        return await InstallAsync(record, compiled, restore: true);
    }

    private async Task<ViewReplica> InstallAsync(ViewRecord record, CompiledView compiled, bool restore)
    {
        ViewReplica replica;
        try
        {
            replica = new ViewReplica(record, engine, compiled, events, checkpoints, leases, threads, logger);
        }
        catch
        {
            compiled.Dispose();
            throw;
        }

        var key = (record.LogId, record.Name);
        while (true)
        {
            if (_replicas.TryGetValue(key, out var old))
            {
                if (old.Record.Version >= record.Version)
                {
                    await replica.DisposeAsync(); // a newer (or the same) deployment got here first
                    return old;
                }

                if (!_replicas.TryUpdate(key, replica, old))
                {
                    continue;
                }

                replica.Start(restore);
                await old.DisposeAsync();
                return replica;
            }

            if (_replicas.TryAdd(key, replica))
            {
                replica.Start(restore);
                return replica;
            }
        }
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
    }
}
