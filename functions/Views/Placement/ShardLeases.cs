using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using Primatomic.Functions.Hosting;

namespace Primatomic.Functions.Views.Placement;

/// <summary>
/// Shard leadership in the views container: a blob lease on <c>placement/shards/{NNN}</c> (created once, the holder's
/// node id in its metadata) and a heartbeat blob <c>placement/nodes/{node id}</c> per live instance. One listing of
/// <c>placement/</c> shows every shard's lease state and holder and every instance's last heartbeat.
/// </summary>
public sealed class ShardLeases(StorageClients storage)
{
    private const string Prefix = "placement/";
    private const string ShardsPrefix = Prefix + "shards/";
    private const string NodesPrefix = Prefix + "nodes/";
    private const string NodeKey = "node";

    private readonly BlobContainerClient _container = storage.Container(ViewBlobs.ContainerName);

    /// <summary>Every shard blob and heartbeat, and the storage service's clock at the time of the listing.</summary>
    public async Task<PlacementSnapshot> ReadAsync(CancellationToken cancellationToken)
    {
        var shards = new Dictionary<int, ShardState>();
        var nodes = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        var now = DateTimeOffset.UtcNow;
        await foreach (var page in _container.GetBlobsAsync(BlobTraits.Metadata, BlobStates.None, Prefix, cancellationToken).AsPages())
        {
            now = page.GetRawResponse().Headers.Date ?? now;
            foreach (var blob in page.Values)
            {
                if (blob.Name.StartsWith(ShardsPrefix, StringComparison.Ordinal)
                    && int.TryParse(blob.Name.AsSpan(ShardsPrefix.Length), System.Globalization.CultureInfo.InvariantCulture, out var shard))
                {
                    var leased = blob.Properties.LeaseState == LeaseState.Leased;
                    shards[shard] = new ShardState(leased, leased && blob.Metadata.TryGetValue(NodeKey, out var node) ? node : null);
                }
                else if (blob.Name.StartsWith(NodesPrefix, StringComparison.Ordinal) && blob.Properties.LastModified is { } seen)
                {
                    nodes[blob.Name[NodesPrefix.Length..]] = seen;
                }
            }
        }

        return new PlacementSnapshot(shards, nodes, now);
    }

    public async Task HeartbeatAsync(string nodeId, CancellationToken cancellationToken) =>
        await _container.GetBlobClient(NodesPrefix + nodeId).UploadAsync(BinaryData.Empty, overwrite: true, cancellationToken);

    /// <summary>Says goodbye on a graceful stop, so others count one instance fewer at once.</summary>
    public async Task RemoveNodeAsync(string nodeId, CancellationToken cancellationToken) =>
        await _container.GetBlobClient(NodesPrefix + nodeId).DeleteIfExistsAsync(cancellationToken: cancellationToken);

    /// <summary>The new lease id, or null when someone else holds the shard. <paramref name="exists"/>: the blob is known to exist.</summary>
    public async Task<string?> TryAcquireAsync(int shard, bool exists, string nodeId, TimeSpan duration, CancellationToken cancellationToken)
    {
        var blob = Shard(shard);
        if (!exists)
        {
            try
            {
                await blob.UploadAsync(BinaryData.Empty, new BlobUploadOptions { Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All } }, cancellationToken);
            }
            catch (RequestFailedException e) when (e.Status is StatusCodes.Status409Conflict or StatusCodes.Status412PreconditionFailed)
            {
                // Another instance created it in the meantime.
            }
        }

        var lease = blob.GetBlobLeaseClient(Guid.NewGuid().ToString("D"));
        try
        {
            await lease.AcquireAsync(duration, cancellationToken: cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == StatusCodes.Status409Conflict)
        {
            return null;
        }

        await blob.SetMetadataAsync(new Dictionary<string, string> { [NodeKey] = nodeId }, new BlobRequestConditions { LeaseId = lease.LeaseId }, cancellationToken);
        return lease.LeaseId;
    }

    /// <summary>False when the lease was lost (it expired and someone else took it).</summary>
    public async Task<bool> RenewAsync(int shard, string leaseId, CancellationToken cancellationToken)
    {
        try
        {
            await Shard(shard).GetBlobLeaseClient(leaseId).RenewAsync(cancellationToken: cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status is StatusCodes.Status409Conflict or StatusCodes.Status412PreconditionFailed or StatusCodes.Status404NotFound)
        {
            return false;
        }
    }

    public async Task ReleaseAsync(int shard, string leaseId, CancellationToken cancellationToken)
    {
        try
        {
            await Shard(shard).GetBlobLeaseClient(leaseId).ReleaseAsync(cancellationToken: cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status is StatusCodes.Status409Conflict or StatusCodes.Status412PreconditionFailed or StatusCodes.Status404NotFound)
        {
            // Already lost: nothing to give back.
        }
    }

    /// <summary>The node id leading <paramref name="shard"/>, or null when nobody holds it.</summary>
    public async Task<string?> HolderAsync(int shard, CancellationToken cancellationToken)
    {
        try
        {
            var properties = (await Shard(shard).GetPropertiesAsync(cancellationToken: cancellationToken)).Value;
            return properties.LeaseState == LeaseState.Leased && properties.Metadata.TryGetValue(NodeKey, out var node) ? node : null;
        }
        catch (RequestFailedException e) when (e.Status == StatusCodes.Status404NotFound)
        {
            return null;
        }
    }

    private BlobClient Shard(int shard) => _container.GetBlobClient($"{ShardsPrefix}{shard:D3}");
}

/// <summary>One shard blob as listed: whether it is leased, and by whom.</summary>
public sealed record ShardState(bool Leased, string? Holder);

/// <summary>What one listing of <c>placement/</c> showed.</summary>
public sealed record PlacementSnapshot(IReadOnlyDictionary<int, ShardState> Shards, IReadOnlyDictionary<string, DateTimeOffset> Nodes, DateTimeOffset Now);
