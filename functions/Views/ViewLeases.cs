using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using Primatomic.Functions.Hosting;

namespace Primatomic.Functions.Views;

/// <summary>
/// Leadership of a view: a blob lease on <c>leases/{log id}/{view}</c> in the <c>views</c> container. The holder
/// writes its node id into the blob's metadata so any instance can report who leads.
/// </summary>
public sealed class ViewLeases(StorageClients storage)
{
    public static readonly TimeSpan Duration = TimeSpan.FromSeconds(15);
    private const string NodeKey = "node";

    private readonly BlobContainerClient _container = storage.Container(ViewBlobs.ContainerName);

    /// <summary>The new lease id, or null when another instance holds the lease.</summary>
    public async Task<string?> TryAcquireAsync(string logId, string viewName, string nodeId, CancellationToken cancellationToken)
    {
        var blob = Blob(logId, viewName);
        try
        {
            await blob.UploadAsync(BinaryData.Empty, new BlobUploadOptions { Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All } }, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status is StatusCodes.Status409Conflict or StatusCodes.Status412PreconditionFailed)
        {
            // The lease blob exists already.
        }

        var lease = blob.GetBlobLeaseClient(Guid.NewGuid().ToString("D"));
        try
        {
            await lease.AcquireAsync(Duration, cancellationToken: cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == StatusCodes.Status409Conflict)
        {
            return null;
        }

        await blob.SetMetadataAsync(new Dictionary<string, string> { [NodeKey] = nodeId },
            new BlobRequestConditions { LeaseId = lease.LeaseId }, cancellationToken);
        return lease.LeaseId;
    }

    /// <summary>False when the lease was lost (expired and taken, or broken).</summary>
    public async Task<bool> RenewAsync(string logId, string viewName, string leaseId, CancellationToken cancellationToken)
    {
        try
        {
            await Blob(logId, viewName).GetBlobLeaseClient(leaseId).RenewAsync(cancellationToken: cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status is StatusCodes.Status409Conflict or StatusCodes.Status412PreconditionFailed)
        {
            return false;
        }
    }

    public async Task ReleaseAsync(string logId, string viewName, string leaseId)
    {
        try
        {
            await Blob(logId, viewName).GetBlobLeaseClient(leaseId).ReleaseAsync();
        }
        catch (RequestFailedException e) when (e.Status is StatusCodes.Status409Conflict or StatusCodes.Status412PreconditionFailed or StatusCodes.Status404NotFound)
        {
            // Already lost or gone: nothing to release.
        }
    }

    /// <summary>The node id of the current leader, or null when no lease is held.</summary>
    public async Task<string?> LeaderAsync(string logId, string viewName, CancellationToken cancellationToken)
    {
        try
        {
            var properties = (await Blob(logId, viewName).GetPropertiesAsync(cancellationToken: cancellationToken)).Value;
            return properties.LeaseState == LeaseState.Leased && properties.Metadata.TryGetValue(NodeKey, out var node) ? node : null;
        }
        catch (RequestFailedException e) when (e.Status == StatusCodes.Status404NotFound)
        {
            return null;
        }
    }

    private BlobClient Blob(string logId, string viewName) => _container.GetBlobClient($"leases/{logId}/{viewName}");
}
