using Microsoft.Extensions.Options;
using Primatomic.Functions.Views.Following;
using Primatomic.Functions.Views.Runtime;

namespace Primatomic.Functions.Views.Placement;

/// <summary>
/// Runs, as leader, exactly the views of the shards this instance holds (<see cref="PlacementLoop"/> says which), in
/// one loop of its own, so slow loads never delay lease renewals: gained shards have their views loaded, lost ones are
/// handed back to on-demand use; every <c>Views__SupervisePoll</c> each held catalogue partition's version row says
/// whether a deploy or delete happened there, and only then is that partition listed again. It also drops idle
/// on-demand replicas and unused compiled code, and every <c>Views__CheckpointInterval</c> has each led replica with
/// events since its checkpoint do a pass, so a checkpoint due by time is written without a timer per view, and has
/// led replicas idle for <c>Views__HibernateAfter</c> let their instance go until next used.
/// </summary>
public sealed partial class ViewHost(PlacementLoop placement, ViewCatalog catalog, ViewReplicas replicas, CompiledViews compiled,
    LogFollowers followers, IOptions<ViewLimits> limits, IOptions<PlacementOptions> options, ILogger<ViewHost> logger) : BackgroundService
{
    private readonly PlacementOptions _options = options.Value;
    private readonly Dictionary<int, long> _versions = []; // held partition -> catalogue version last loaded (-1: load again)
    private readonly Dictionary<int, Dictionary<string, ViewRecord>> _views = []; // held partition -> its views by "log:name"
    private HashSet<int> _shards = [];
    private long _lastCatalogCheck = long.MinValue / 2;
    private long _lastSweep = Environment.TickCount64;

    private readonly SemaphoreSlim _tick = new(1, 1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var changed = placement.Changed;
            try
            {
                await TickAsync(force: false, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // logged; the next tick retries
            catch (Exception ex)
#pragma warning restore CA1031
            {
                LogTickFailed(logger, ex);
            }

            var wait = TimeSpan.FromTicks(Math.Min(limits.Value.SupervisePoll.Ticks, limits.Value.CheckpointInterval.Ticks));
            await Task.WhenAny(changed, Task.Delay(wait, stoppingToken));
        }
    }

    /// <summary>
    /// One round now, also run by the ViewSweeper function: with <paramref name="force"/> every held partition is
    /// looked at and every led replica does a pass. Rounds never overlap.
    /// </summary>
    public async Task TickAsync(bool force, CancellationToken cancellationToken)
    {
        await _tick.WaitAsync(cancellationToken);
        try
        {
            await RoundAsync(placement.Shards, force, cancellationToken);
        }
        finally
        {
            _tick.Release();
        }
    }

    private async Task RoundAsync(IReadOnlySet<int> shards, bool force, CancellationToken cancellationToken)
    {
        var changed = !shards.SetEquals(_shards);
        if (changed)
        {
            foreach (var lost in _shards.Except(shards))
            {
                foreach (var partition in ShardMap.PartitionsOf(lost, _options.Shards))
                {
                    Release(partition);
                }
            }

            foreach (var gained in shards.Except(_shards))
            {
                foreach (var partition in ShardMap.PartitionsOf(gained, _options.Shards))
                {
                    _versions[partition] = -1;
                    _views[partition] = [];
                }
            }

            _shards = [.. shards];
        }

        if (changed || force || Environment.TickCount64 - _lastCatalogCheck >= limits.Value.SupervisePoll.TotalMilliseconds)
        {
            _lastCatalogCheck = Environment.TickCount64;
            await Task.WhenAll(_versions.Keys.ToList().Select(partition => RefreshAsync(partition, cancellationToken)));
        }

        // A deploy may have made a view led here just as its shard went: nothing leads here but what the shards say.
        foreach (var stray in replicas.All.Where(r => r.IsLeader && !_shards.Contains(ShardMap.ShardOf(r.Record.LogId, _options.Shards))))
        {
            replicas.StopLeading(stray.Record.LogId, stray.Record.Name);
        }

        await replicas.EvictAsync(_options.OnDemandIdle, _options.MaxOnDemandReplicas);
        compiled.Trim();
        if (force)
        {
            await followers.PollAllAsync(); // the safety net under lost notifications: every led log to its head now
        }

        if (force || Environment.TickCount64 - _lastSweep >= limits.Value.CheckpointInterval.TotalMilliseconds)
        {
            _lastSweep = Environment.TickCount64;
            var sweeps = LedViewSweeps.RunAsync(replicas.All, _options.HibernateAfter, force, cancellationToken)
                .ContinueWith(
                    done => MemoryRelease.AfterHibernation(done.IsCompletedSuccessfully && _options.ReleaseMemoryAfterHibernation ? done.Result : 0),
                    CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
            if (force)
            {
                await sweeps;
            }
        }
    }

    /// <summary>Reloads <paramref name="partition"/>'s views when its version moved; one that cannot load is retried next time.</summary>
    private async Task RefreshAsync(int partition, CancellationToken cancellationToken)
    {
        try
        {
            var version = await catalog.PartitionVersionAsync(partition, cancellationToken);
            if (version == _versions[partition])
            {
                return;
            }

            var views = (await catalog.ListPartitionAsync(partition, cancellationToken)).ToDictionary(Key);
            if (!_versions.ContainsKey(partition))
            {
                return; // the shard was lost meanwhile
            }

            foreach (var gone in _views[partition].Keys.Except(views.Keys))
            {
                var record = _views[partition][gone];
                await replicas.RemoveAsync(record.LogId, record.Name);
            }

            _views[partition] = views;
            var loads = await Task.WhenAll(views.Values.Select(record => LeadAsync(record, cancellationToken)));
            _versions[partition] = loads.All(loaded => loaded) ? version : -1;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // storage trouble: the partition is looked at again next round
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogRefreshFailed(logger, ex, partition);
        }
    }

    private async Task<bool> LeadAsync(ViewRecord record, CancellationToken cancellationToken)
    {
        try
        {
            await replicas.LeadAsync(record, cancellationToken);
            return true;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // logged and retried next round; other views go on
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogLoadFailed(logger, ex, record.LogId, record.Name);
            return false;
        }
    }

    private void Release(int partition)
    {
        if (_views.Remove(partition, out var views))
        {
            foreach (var record in views.Values)
            {
                replicas.StopLeading(record.LogId, record.Name);
            }
        }

        _versions.Remove(partition);
    }

    private static string Key(ViewRecord record) => $"{record.LogId}:{record.Name}";

    public override void Dispose()
    {
        _tick.Dispose();
        base.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A round of running led views failed; retrying")]
    private static partial void LogTickFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Loading view {ViewName} of log {LogId} failed; retrying next round")]
    private static partial void LogLoadFailed(ILogger logger, Exception exception, string logId, string viewName);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Looking at catalogue partition {Partition} failed; retrying next round")]
    private static partial void LogRefreshFailed(ILogger logger, Exception exception, int partition);
}
