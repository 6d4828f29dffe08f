namespace Primatomic.Functions.Views;

/// <summary>One event as a view sees it: its sequence and its raw payload.</summary>
public readonly record struct ViewEvent(ulong Sequence, ReadOnlyMemory<byte> Payload);
