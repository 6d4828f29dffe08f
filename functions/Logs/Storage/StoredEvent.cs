namespace Primatomic.Functions.Logs.Storage;

/// <summary>One committed event as read back: the exact bytes that were appended.</summary>
public sealed record StoredEvent(long Sequence, byte[] Data, DateTimeOffset AppendedAt);

/// <summary>
/// A page of events after some sequence; <see cref="NextAfter"/> is where the next page starts. <see cref="RowsRead"/>
/// is what the page cost storage, in rows (segment rows hold many events each).
/// </summary>
public sealed record EventPage(IReadOnlyList<StoredEvent> Events, long NextAfter, long RowsRead = 0);
