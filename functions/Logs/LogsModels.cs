namespace Primatomic.Functions.Logs;

// The logs API's JSON shapes (snake_case on the wire).

public sealed record CreateLogResponse(bool Success, string LogId);

public sealed record LogResponse(string LogId, string Name, DateTimeOffset CreatedAt, long HeadSequence);

public sealed record LogListResponse(IReadOnlyList<LogResponse> Logs, string? Continuation);

public sealed record AppendResponse(bool Success, long Sequence);

public sealed record AppendBatchRequest(IReadOnlyList<string?>? Events);

public sealed record AppendBatchResponse(bool Success, long FirstSequence, long LastSequence);

public sealed record EventResponse(long Sequence, byte[] Data, DateTimeOffset AppendedAt);

public sealed record EventsResponse(IReadOnlyList<EventResponse> Events, long NextAfter);
