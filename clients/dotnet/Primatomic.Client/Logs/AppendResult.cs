namespace Primatomic.Client;

/// <summary>A committed append.</summary>
/// <param name="Sequence">The event's sequence (for a retried call, the original one).</param>
public sealed record AppendResult(long Sequence);
