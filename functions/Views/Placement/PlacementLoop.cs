using Microsoft.Extensions.Options;

namespace Primatomic.Functions.Views.Placement;

/// <summary>
/// The one owner of this instance's shard leases. Every <c>Views__PlacementInterval</c> it heartbeats, lists
/// <c>placement/</c> once (every shard's lease state and every instance's heartbeat), renews the leases it holds when
/// a third of their time has passed, gives up those above its fair share (shards ÷ live instances, rounded up) and
/// claims free or expired ones up to it. It never touches a lease someone else holds, so an idle fleet costs a few
/// requests per interval per instance, whatever the number of views. <see cref="ViewHost"/> runs the views of the
/// shards held.
/// </summary>
public sealed partial class PlacementLoop(ShardLeases leases, IOptions<PlacementOptions> options, ILogger<PlacementLoop> logger)
    : BackgroundService
{
    private readonly PlacementOptions _options = options.Value;
    private readonly Dictionary<int, HeldLease> _held = [];
    private volatile HashSet<int> _shards = [];
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _rounds;

    /// <summary>The shards this instance leads now.</summary>
    public IReadOnlySet<int> Shards => _shards;

    /// <summary>Completes at the next change of <see cref="Shards"/>.</summary>
    public Task Changed => Volatile.Read(ref _changed).Task;

    /// <summary>Instances seen alive at the last look, this one included.</summary>
    public int LiveNodes { get; private set; } = 1;

    public int ShardCount => _options.Shards;

    public int ShardOf(string logId) => ShardMap.ShardOf(logId, _options.Shards);

    /// <summary>Whether this instance leads the views of <paramref name="logId"/> now.</summary>
    public bool Leads(string logId) => _shards.Contains(ShardOf(logId));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await RoundAsync(stoppingToken);
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    break;
                }
#pragma warning disable CA1031 // storage trouble: leases not renewed in time are dropped below; the next round retries
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    LogRoundFailed(logger, ex);
                }

                DropExpired();
                await Task.Delay(_options.PlacementInterval, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
        finally
        {
            await LeaveAsync();
        }
    }

    private async Task RoundAsync(CancellationToken cancellationToken)
    {
        await leases.HeartbeatAsync(ViewNode.Id, cancellationToken);
        var snapshot = await leases.ReadAsync(cancellationToken);
        foreach (var (shard, held) in _held.ToList())
        {
            var taken = snapshot.Shards.TryGetValue(shard, out var state) && state.Leased && state.Holder is { } holder && holder != ViewNode.Id;
            if (taken || (held.RenewDue(_options.ShardLease) && !await leases.RenewAsync(shard, held.LeaseId, cancellationToken)))
            {
                _held.Remove(shard);
                LogLost(logger, shard);
            }
            else if (held.RenewDue(_options.ShardLease))
            {
                held.Renewed();
            }
        }

        var window = _options.PlacementInterval * 3;
        LiveNodes = Math.Max(1, snapshot.Nodes.Count(node => node.Key != ViewNode.Id && snapshot.Now - node.Value <= window) + 1);
        var share = (_options.Shards + LiveNodes - 1) / LiveNodes;
        foreach (var extra in _held.Keys.OrderDescending().Take(Math.Max(0, _held.Count - share)).ToList())
        {
            await leases.ReleaseAsync(extra, _held[extra].LeaseId, cancellationToken);
            _held.Remove(extra);
        }

        if (++_rounds == 1)
        {
            // Claim from the second round on: instances that start together have then seen each other's heartbeats,
            // so they split the shards at once instead of one taking all and handing most back a round later.
            Publish();
            return;
        }

        var free = Enumerable.Range(0, _options.Shards)
            .Where(shard => !_held.ContainsKey(shard) && !(snapshot.Shards.TryGetValue(shard, out var state) && state.Leased))
            .OrderBy(_ => Random.Shared.Next()) // instances claiming at once mostly try different shards
            .ToList();
        foreach (var shard in free)
        {
            if (_held.Count >= share)
            {
                break;
            }

            if (await leases.TryAcquireAsync(shard, snapshot.Shards.ContainsKey(shard), ViewNode.Id, _options.ShardLease, cancellationToken) is { } leaseId)
            {
                _held[shard] = new HeldLease(leaseId);
            }
        }

        Publish();
    }

    /// <summary>A lease not renewed within its duration may be someone else's now: stop leading it.</summary>
    private void DropExpired()
    {
        foreach (var (shard, held) in _held.ToList())
        {
            if (held.Expired(_options.ShardLease))
            {
                _held.Remove(shard);
                LogLost(logger, shard);
            }
        }

        Publish();
    }

    private void Publish()
    {
        if (_shards.SetEquals(_held.Keys))
        {
            return;
        }

        _shards = new HashSet<int>(_held.Keys);
        Interlocked.Exchange(ref _changed, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
    }

    /// <summary>On a graceful stop: give every shard back and say goodbye, so others take over at once.</summary>
    private async Task LeaveAsync()
    {
        using var bounded = new CancellationTokenSource(TimeSpan.FromSeconds(2)); // shutdown must stay quick; leases expire anyway
        try
        {
            await Task.WhenAll(_held.Select(pair => leases.ReleaseAsync(pair.Key, pair.Value.LeaseId, bounded.Token)));
            await leases.RemoveNodeAsync(ViewNode.Id, bounded.Token);
        }
#pragma warning disable CA1031 // leaving is best effort: unrenewed leases expire anyway
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogLeaveFailed(logger, ex);
        }

        _held.Clear();
        Publish();
    }

    private sealed class HeldLease(string leaseId)
    {
        private long _renewedAt = Environment.TickCount64;

        public string LeaseId { get; } = leaseId;

        public bool RenewDue(TimeSpan lease) => Environment.TickCount64 - _renewedAt >= lease.TotalMilliseconds / 3;

        public bool Expired(TimeSpan lease) => Environment.TickCount64 - _renewedAt >= lease.TotalMilliseconds;

        public void Renewed() => _renewedAt = Environment.TickCount64;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A placement round failed; retrying")]
    private static partial void LogRoundFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "No longer leading shard {Shard}")]
    private static partial void LogLost(ILogger logger, int shard);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Giving shards back on shutdown failed; their leases will expire")]
    private static partial void LogLeaveFailed(ILogger logger, Exception exception);
}
