namespace Primatomic.Client;

/// <summary>A committed batch: its events hold the consecutive sequences from <paramref name="FirstSequence"/> to <paramref name="LastSequence"/>.</summary>
/// <param name="FirstSequence">The first event's sequence.</param>
/// <param name="LastSequence">The last event's sequence.</param>
public sealed record BatchAppendResult(long FirstSequence, long LastSequence);
