using System.Collections.Concurrent;
using Primatomic.Functions.Logs.Storage;
using Primatomic.Functions.Views.Following;
using Primatomic.Functions.Views.Replicas;
using Primatomic.Functions.Views.Runtime;

namespace Primatomic.Functions.Views;

/// <summary>
/// The replicas this process runs, one per (log, view): those of views it leads (fed by their log's
/// <see cref="LogFollower"/>) and those loaded on demand to answer queries here. A replica for an older deployment
/// (lower version) is replaced, so a redeploy rebuilds state from sequence 0. Loads run per view, never under a lock
/// shared with other views: one view's slow compile or restore delays only itself.
/// </summary>
public sealed class ViewReplicas(ViewEngine engine, CompiledViews compiledViews, ViewCheckpoints checkpoints, EventLog events,
    ViewThreads threads, LogFollowers followers, ILogger<ViewReplica> logger)
    : IAsyncDisposable
{
    // By log, then view: a commit is offered to its log's replicas without looking at any other log's.
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, ViewReplica>> _byLog = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string LogId, string Name, long Version), Lazy<Task<ViewReplica>>> _loading = new();

    public ViewReplica? Find(string logId, string name) =>
        _byLog.TryGetValue(logId, out var views) ? views.GetValueOrDefault(name) : null;

    /// <summary>The running replica of this deployment, loading it on demand (for queries here) if needed.</summary>
    public async Task<ViewReplica> GetAsync(ViewRecord record, CancellationToken cancellationToken)
    {
        var replica = Current(record) ?? await LoadSharedAsync(record, cancellationToken);
        replica.Touch();
        return replica;
    }

    /// <summary>Runs this deployment as its leader here: loaded if needed, fed by its log's follower, checkpointing.</summary>
    public async Task<ViewReplica> LeadAsync(ViewRecord record, CancellationToken cancellationToken)
    {
        var replica = Current(record) ?? await LoadSharedAsync(record, cancellationToken);
        if (!replica.IsLeader)
        {
            replica.IsLeader = true;
            followers.Follow(record.LogId, () => [.. Of(record.LogId)]);
        }

        return replica;
    }

    /// <summary>This instance no longer leads the view: it stays only as long as queries here use it.</summary>
    public void StopLeading(string logId, string name)
    {
        if (Find(logId, name) is { } replica)
        {
            replica.IsLeader = false;
            replica.Touch();
        }
    }

    /// <summary>Starts a replica for a deployment whose component was just compiled (takes ownership of it), as its leader if <paramref name="lead"/>.</summary>
    public async Task<ViewReplica> InstallAsync(ViewRecord record, CompiledView compiled, bool lead)
    {
        var replica = await StartAsync(record, compiledViews.Keep(compiled), restore: false);
        return lead ? await LeadAsync(record, CancellationToken.None) : replica;
    }

    private async Task<ViewReplica> LoadSharedAsync(ViewRecord record, CancellationToken cancellationToken)
    {
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

    private async Task<ViewReplica> LoadAsync(ViewRecord record)
    {
        // Not the caller's token: a load is shared by every caller that waits for it.
        var compiled = await compiledViews.RentAsync(record.ContentHash);
        return await StartAsync(record, compiled, restore: true);
    }

    private async Task<ViewReplica> StartAsync(ViewRecord record, CompiledView compiled, bool restore)
    {
        ViewReplica replica;
        try
        {
            replica = new ViewReplica(record, engine, compiled, events, checkpoints, threads, logger);
        }
        catch
        {
            compiled.Dispose();
            throw;
        }

        var views = _byLog.GetOrAdd(record.LogId, _ => new ConcurrentDictionary<string, ViewReplica>(StringComparer.Ordinal));
        var key = record.Name;
        while (true)
        {
            if (views.TryGetValue(key, out var old))
            {
                if (old.Record.Version >= record.Version)
                {
                    await replica.DisposeAsync(); // a newer (or the same) deployment got here first
                    return old;
                }

                if (!views.TryUpdate(key, replica, old))
                {
                    continue;
                }

                replica.IsLeader = old.IsLeader; // a redeploy keeps the view where it is led
                replica.Start(restore);
                await old.DisposeAsync();
                return replica;
            }

            if (views.TryAdd(key, replica))
            {
                replica.Start(restore);
                return replica;
            }
        }
    }

    /// <summary>
    /// Offers committed events of <paramref name="logId"/> to every replica of its views here, and tells its follower.
    /// <paramref name="traces"/>: the trace contexts of the commits they came from, for the replicas' apply spans.
    /// </summary>
    public void Deliver(string logId, IReadOnlyList<StoredEvent> events, IReadOnlyList<System.Diagnostics.ActivityContext>? traces = null)
    {
        foreach (var replica in Of(logId))
        {
            replica.Offer(events, traces);
        }

        if (events.Count > 0)
        {
            followers.Committed(logId, events.Max(e => e.Sequence));
        }
    }

    /// <summary>This instance's replicas of <paramref name="logId"/>'s views.</summary>
    public IEnumerable<ViewReplica> Of(string logId) =>
        _byLog.TryGetValue(logId, out var views) ? views.Values : [];

    /// <summary>Every replica this process runs.</summary>
    public IReadOnlyCollection<ViewReplica> All => [.. _byLog.Values.SelectMany(views => views.Values)];

    public async Task RemoveAsync(string logId, string name)
    {
        if (_byLog.TryGetValue(logId, out var views) && views.TryRemove(name, out var replica))
        {
            await replica.DisposeAsync();
        }
    }

    /// <summary>
    /// Drops replicas loaded on demand that no query used for <paramref name="idle"/>, and the least recently used
    /// beyond <paramref name="max"/>: memory here follows what is led and what is queried, not what is deployed.
    /// </summary>
    public async Task<int> EvictAsync(TimeSpan idle, int max)
    {
        var onDemand = All.Where(replica => !replica.IsLeader).OrderBy(replica => replica.LastUsed).ToList();
        var now = Environment.TickCount64;
        var evicted = 0;
        foreach (var replica in onDemand)
        {
            if ((now - replica.LastUsed < idle.TotalMilliseconds && onDemand.Count - evicted <= max)
                || !_byLog.TryGetValue(replica.Record.LogId, out var views)
                || !views.TryRemove(new KeyValuePair<string, ViewReplica>(replica.Record.Name, replica)))
            {
                continue;
            }

            if (replica.IsLeader)
            {
                views.TryAdd(replica.Record.Name, replica); // it became the leader's meanwhile: keep it
                continue;
            }

            await replica.DisposeAsync();
            evicted++;
        }

        return evicted;
    }

    private ViewReplica? Current(ViewRecord record) =>
        Find(record.LogId, record.Name) is { } replica && replica.Record.Version >= record.Version ? replica : null;

    public async ValueTask DisposeAsync()
    {
        foreach (var replica in All)
        {
            await replica.DisposeAsync();
        }

        _byLog.Clear();
    }
}
