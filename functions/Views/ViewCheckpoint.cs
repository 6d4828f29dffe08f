namespace Primatomic.Functions.Views;

/// <summary>A view's state after <see cref="Sequence"/>, for the deployment with this content hash and version.</summary>
public sealed record ViewCheckpoint(long Sequence, string ContentHash, long Version, byte[] State);
