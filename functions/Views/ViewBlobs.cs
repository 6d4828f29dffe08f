using Azure;
using Azure.Storage.Blobs;
using Primatomic.Functions.Hosting;

using Primatomic.Functions.Views.Compiling;
using Primatomic.Functions.Views.Runtime;

namespace Primatomic.Functions.Views;

/// <summary>
/// Components and compiled artifacts in the <c>views</c> container, both content-addressed:
/// <c>components/{sha256}.wasm</c> and <c>artifacts/{engine configuration}/{sha256}.cwasm</c>. A cold instance
/// deserializes the artifact (about 2 ms) instead of compiling (about 25 ms for a small view, far more for big ones).
/// </summary>
public sealed partial class ViewBlobs(StorageClients storage, ViewEngine engine, ViewCompiler compiler, ILogger<ViewBlobs> logger)
{
    public const string ContainerName = "views";

    private readonly BlobContainerClient _container = storage.Container(ContainerName);

    public async Task StoreAsync(ReadOnlyMemory<byte> component, CompiledView compiled, CancellationToken cancellationToken)
    {
        await _container.GetBlobClient(ComponentPath(compiled.ContentHash)).UploadAsync(BinaryData.FromBytes(component), overwrite: true, cancellationToken);
        await _container.GetBlobClient(ArtifactPath(compiled.ContentHash)).UploadAsync(BinaryData.FromBytes(compiled.Serialize()), overwrite: true, cancellationToken);
    }

    /// <summary>The compiled view stored for a content hash under this engine configuration, or null.</summary>
    public async Task<CompiledView?> FindCompiledAsync(string contentHash, CancellationToken cancellationToken)
    {
        try
        {
            var artifact = await _container.GetBlobClient(ArtifactPath(contentHash)).DownloadContentAsync(cancellationToken);
            return engine.Deserialize(artifact.Value.Content.ToMemory().Span, contentHash);
        }
        catch (RequestFailedException e) when (e.Status == StatusCodes.Status404NotFound)
        {
            return null;
        }
    }

    /// <summary>Loads the compiled view for a content hash: the artifact when there is one, else compiles and stores it.</summary>
    public async Task<CompiledView> LoadAsync(string contentHash, CancellationToken cancellationToken)
    {
        if (await FindCompiledAsync(contentHash, cancellationToken) is { } stored)
        {
            return stored;
        }

        LogCompiling(logger, contentHash);
        var component = await _container.GetBlobClient(ComponentPath(contentHash)).DownloadContentAsync(cancellationToken);
        var compiled = await compiler.CompileAsync(tenantId: null, component.Value.Content.ToMemory(), cancellationToken);
        await _container.GetBlobClient(ArtifactPath(contentHash)).UploadAsync(BinaryData.FromBytes(compiled.Serialize()), overwrite: true, cancellationToken);
        return compiled;
    }

    private static string ComponentPath(string contentHash) => $"components/{contentHash}.wasm";

    private static string ArtifactPath(string contentHash) => $"artifacts/{ViewEngine.ConfigurationKey}/{contentHash}.cwasm";

    [LoggerMessage(Level = LogLevel.Information, Message = "No compiled artifact for view component {ContentHash} under this engine configuration; compiling")]
    private static partial void LogCompiling(ILogger logger, string contentHash);
}
