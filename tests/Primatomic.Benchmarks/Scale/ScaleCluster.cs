using System.Globalization;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Primatomic.Testing;

namespace Primatomic.Benchmarks.Scale;

/// <summary>
/// One Azurite and N service processes, each through its own <see cref="CountingStorageProxy"/>. Settings are the
/// service's defaults except what a benchmark on one machine needs: loopback rate limits loosened (every client is
/// one address), the per-tenant view caps raised, and the shard count.
/// </summary>
internal sealed class ScaleCluster : IAsyncDisposable
{
    public const string Prefix = "scale";

    private readonly ScaleOptions _options;

    private ScaleCluster(AzuriteProcess azurite, ScaleOptions options)
    {
        Azurite = azurite;
        _options = options;
    }

    public AzuriteProcess Azurite { get; }
    public List<ScaleInstance> Instances { get; } = [];
    public IEnumerable<ScaleInstance> Live => Instances.Where(i => i.Alive);

    public static async Task<ScaleCluster> StartAsync(ScaleOptions options)
    {
        var cluster = new ScaleCluster(await AzuriteProcess.StartAsync(), options);
        await Task.WhenAll(Enumerable.Range(0, options.Processes).Select(_ => cluster.AddInstanceAsync()));
        return cluster;
    }

    public async Task<ScaleInstance> AddInstanceAsync()
    {
        var proxy = await CountingStorageProxy.StartAsync(Azurite, Prefix);
        proxy.Describe = IdleDriver.Describe;
        var service = await ServiceProcess.StartAsync(Settings(proxy.ConnectionString));
        lock (Instances)
        {
            var instance = new ScaleInstance(Instances.Count, proxy, service);
            Instances.Add(instance);
            return instance;
        }
    }

    /// <summary>Every instance's counters together (dead ones keep what they counted).</summary>
    public StorageCounts Snapshot() => Instances.Select(i => i.Proxy.Snapshot()).Aggregate(StorageCounts.Empty, (a, b) => a + b);

    public Dictionary<ScaleInstance, StorageCounts> SnapshotEach() => Instances.ToDictionary(i => i, i => i.Proxy.Snapshot());

    /// <summary>The shard lease blobs as Azurite holds them (read directly, not through a proxy): shard → holder node, for leased ones.</summary>
    public async Task<Dictionary<int, string>> LeasedShardsAsync()
    {
        var container = new BlobServiceClient(Azurite.ConnectionString).GetBlobContainerClient($"{Prefix}-views");
        var held = new Dictionary<int, string>();
        await foreach (var blob in container.GetBlobsAsync(BlobTraits.Metadata, BlobStates.None, "placement/shards/", CancellationToken.None))
        {
            if (blob.Properties.LeaseState == LeaseState.Leased
                && int.TryParse(blob.Name["placement/shards/".Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var shard)
                && blob.Metadata.TryGetValue("node", out var node))
            {
                held[shard] = node;
            }
        }

        return held;
    }

    /// <summary>Which live instance leads each shard, from their /ops/placement (null without placement).</summary>
    public async Task<Dictionary<int, ScaleInstance>?> LeadersByShardAsync()
    {
        var live = Live.ToList();
        var placements = await Task.WhenAll(live.Select(i => i.PlacementAsync()));
        return placements.All(p => p is not null)
            ? live.Zip(placements).SelectMany(x => x.Second!.Shards.Select(s => (Shard: s, Instance: x.First))).ToDictionary(x => x.Shard, x => x.Instance)
            : null;
    }

    private Dictionary<string, string?> Settings(string connectionString) => new()
    {
        ["AzureWebJobsStorage"] = connectionString,
        ["STORAGE_NAME_PREFIX"] = Prefix,
        ["RATE_LIMIT_RPS"] = "1000000",
        ["AUTH_RATE_LIMIT_PER_MINUTE"] = "100000",
        ["TENANT_RATE_LIMIT_RPS"] = "1000000",
        ["TENANT_RATE_LIMIT_BURST"] = "1000000",
        ["Logging__LogLevel__Default"] = "Warning",
        ["Views__Shards"] = _options.Shards.ToString(CultureInfo.InvariantCulture),
        // Shortened so a run sees led views hibernate and idle followers reach their longest wait (the report says so).
        ["Views__HibernateAfter"] = _options.HibernateAfter.ToString("c", CultureInfo.InvariantCulture),
        ["Views__FollowPollMax"] = _options.FollowPollMax.ToString("c", CultureInfo.InvariantCulture),
        ["Views__MaxViewsPerTenant"] = "1000000",
        ["Views__MaxViewsPerLog"] = "10000",
    };

    public async ValueTask DisposeAsync()
    {
        foreach (var instance in Instances)
        {
            await instance.DisposeAsync();
        }

        await Azurite.DisposeAsync();
    }
}
