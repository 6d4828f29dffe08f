using System.ComponentModel;
using Primatomic.Functions.Contract;

namespace Primatomic.Functions.Logs;

// The logs API's JSON shapes (snake_case on the wire), with the names and meanings the published document gives them.

[SchemaName("CreatedLog")]
public sealed record CreateLogResponse(
    [property: Description("Always true.")] bool Success,
    [property: Description("The new log's id: every other log route names the log by it.")] string LogId);

[SchemaName("Log")]
public sealed record LogResponse(
    [property: Description("The log's id.")] string LogId,
    [property: Description("The log's name, unique in its tenant.")] string Name,
    [property: Description("When the log was created (ISO 8601, UTC, milliseconds).")] DateTimeOffset CreatedAt,
    [property: Description("The last committed sequence; 0 for an empty log.")] long HeadSequence);

[SchemaName("LogList")]
public sealed record LogListResponse(
    [property: Description("This page of the tenant's logs, in name order (ordinal).")] IReadOnlyList<LogResponse> Logs,
    [property: Description("The token for the next page; null on the last page.")] string? Continuation);

[SchemaName("AppendResult")]
public sealed record AppendResponse(
    [property: Description("Always true: the event is durably committed.")] bool Success,
    [property: Description("The event's sequence: gap-free and strictly increasing in the log, from 1.")] long Sequence);

[SchemaName("AppendBatch")]
public sealed record AppendBatchRequest(
    [property: Description("1–100 events, each non-empty base64 of at most 1 MiB decoded, together at most 2 MiB decoded.")]
    IReadOnlyList<string?>? Events);

[SchemaName("AppendBatchResult")]
public sealed record AppendBatchResponse(
    [property: Description("Always true: every event of the batch is committed, at consecutive sequences.")] bool Success,
    [property: Description("The first event's sequence.")] long FirstSequence,
    [property: Description("The last event's sequence.")] long LastSequence);

[SchemaName("Event")]
public sealed record EventResponse(
    [property: Description("The event's sequence in its log.")] long Sequence,
    [property: Description("The event's bytes, base64.")] byte[] Data,
    [property: Description("When the event was committed (ISO 8601, UTC, milliseconds).")] DateTimeOffset AppendedAt);

[SchemaName("EventPage")]
public sealed record EventsResponse(
    [property: Description("Events in sequence order; empty when nothing follows `after` (after any wait).")] IReadOnlyList<EventResponse> Events,
    [property: Description("Pass as `after` to read on: the last event's sequence, or `after` itself when the page is empty.")] long NextAfter);
