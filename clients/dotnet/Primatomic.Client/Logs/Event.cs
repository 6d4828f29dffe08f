namespace Primatomic.Client;

/// <summary>An event as stored.</summary>
/// <param name="Sequence">Its place in the log: from 1, gap-free, strictly increasing.</param>
/// <param name="Data">The bytes appended.</param>
/// <param name="AppendedAt">When it was committed (UTC).</param>
// CA1716: "Event" is a Visual Basic keyword, but it is what the API calls it; VB callers write [Event].
// CA1819: an event's bytes are its value: a record of the wire shape, not an encapsulated collection.
#pragma warning disable CA1716, CA1819
public sealed record Event(long Sequence, byte[] Data, DateTimeOffset AppendedAt);
#pragma warning restore CA1716, CA1819
