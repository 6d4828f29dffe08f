using System.Globalization;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Primatomic.Functions.Hosting;

namespace Primatomic.Functions.Views;

/// <summary>
/// Checkpoints in the <c>views</c> container at <c>checkpoints/{log id}/{view}/v{version}</c>: the snapshot bytes,
/// with the sequence and component hash in the blob's metadata. A write never replaces a later checkpoint
/// (conditional on the ETag it read), so several instances may write without moving a checkpoint backwards.
/// </summary>
public sealed class ViewCheckpoints(StorageClients storage)
{
    private const string SequenceKey = "sequence";
    private const string HashKey = "content_hash";

    private readonly BlobContainerClient _container = storage.Container(ViewBlobs.ContainerName);

    public async Task<ViewCheckpoint?> ReadAsync(ViewRecord record, CancellationToken cancellationToken)
    {
        try
        {
            var download = await Blob(record).DownloadContentAsync(cancellationToken);
            var metadata = download.Value.Details.Metadata;
            if (!metadata.TryGetValue(SequenceKey, out var sequence) || !metadata.TryGetValue(HashKey, out var hash) || hash != record.ContentHash)
            {
                return null;
            }

            return new ViewCheckpoint(long.Parse(sequence, CultureInfo.InvariantCulture), hash, record.Version, download.Value.Content.ToArray());
        }
        catch (RequestFailedException e) when (e.Status == StatusCodes.Status404NotFound)
        {
            return null;
        }
    }

    /// <summary>Writes the checkpoint unless one at the same or a later sequence is already there.</summary>
    public async Task WriteAsync(ViewRecord record, ViewCheckpoint checkpoint, CancellationToken cancellationToken)
    {
        var blob = Blob(record);
        BlobRequestConditions conditions;
        try
        {
            var existing = await blob.GetPropertiesAsync(cancellationToken: cancellationToken);
            if (existing.Value.Metadata.TryGetValue(SequenceKey, out var stored)
                && long.Parse(stored, CultureInfo.InvariantCulture) >= checkpoint.Sequence)
            {
                return;
            }

            conditions = new BlobRequestConditions { IfMatch = existing.Value.ETag };
        }
        catch (RequestFailedException e) when (e.Status == StatusCodes.Status404NotFound)
        {
            conditions = new BlobRequestConditions { IfNoneMatch = ETag.All };
        }

        try
        {
            await blob.UploadAsync(BinaryData.FromBytes(checkpoint.State), new BlobUploadOptions
            {
                Conditions = conditions,
                Metadata = new Dictionary<string, string>
                {
                    [SequenceKey] = checkpoint.Sequence.ToString(CultureInfo.InvariantCulture),
                    [HashKey] = checkpoint.ContentHash,
                },
            }, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status is StatusCodes.Status409Conflict or StatusCodes.Status412PreconditionFailed)
        {
            // Another instance wrote meanwhile; its checkpoint is as good as ours.
        }
    }

    /// <summary>Removes every checkpoint of the view (all versions); best effort.</summary>
    public async Task DeleteAllAsync(string logId, string viewName, CancellationToken cancellationToken)
    {
        await foreach (var item in _container.GetBlobsAsync(new GetBlobsOptions { Prefix = $"checkpoints/{logId}/{viewName}/" }, cancellationToken))
        {
            await _container.DeleteBlobIfExistsAsync(item.Name, cancellationToken: cancellationToken);
        }
    }

    private BlobClient Blob(ViewRecord record) =>
        _container.GetBlobClient($"checkpoints/{record.LogId}/{record.Name}/v{record.Version.ToString(CultureInfo.InvariantCulture)}");
}
