using Primatomic.Functions.Contract;
using Primatomic.Functions.Hosting;
using static Microsoft.AspNetCore.Http.StatusCodes;

namespace Primatomic.Functions.Logs;

/// <summary>What the published document says about each /logs route (docs/api/logs.md has the same in prose).</summary>
internal static class LogsContract
{
    private const string LogId = "3f0c5b9e-6a1d-4c2b-9e8f-7a6b5c4d3e2f";
    private static readonly DateTimeOffset Created = new(2026, 11, 23, 12, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Every route under a log answers an unknown or foreign log this way (the views routes too).</summary>
    internal static readonly ProblemCase NoSuchLog = new(Status404NotFound, ErrorCodes.NotFound,
        "The log does not exist, or belongs to another tenant (the same answer).");

    private static readonly ProblemCase IdempotencyKey = new(Status400BadRequest, ErrorCodes.ValidationError,
        "An `Idempotency-Key` that is not 1–200 printable ASCII characters.");

    private static readonly ProblemCase SequenceMismatch = new ProblemCase(Status409Conflict, ErrorCodes.SequenceMismatch,
        "`expected_sequence` is not the log's head, which is in `current_sequence`.").With("current_sequence", 42);

    private static readonly ProblemCase KeyReused = new(Status422UnprocessableEntity, ErrorCodes.IdempotencyKeyReused,
        "The `Idempotency-Key` was used before with a different body.");

    private static readonly ProblemCase EventTooLarge = new(Status413PayloadTooLarge, ErrorCodes.PayloadTooLarge,
        "An event over 1 MiB, or a batch over 2 MiB decoded.");

    private static readonly ProblemCase AppendUnconfirmed = new(Status503ServiceUnavailable, ErrorCodes.ServiceUnavailable,
        "Storage did not confirm the append in time: retry with the same `Idempotency-Key`, which answers the original sequence if it was committed after all.");

    public static readonly RouteContract Create = new("Create a log",
        "Creates an empty log with this name in the caller's tenant, in one storage transaction. With `Idempotency-Key`, "
        + "a retry (say after a 503) answers 201 with the log the first attempt made.")
    {
        ResponseExample = new CreateLogResponse(true, LogId),
        Problems = [
            new(Status400BadRequest, ErrorCodes.ValidationError, "An invalid log name."),
            IdempotencyKey,
            new(Status409Conflict, ErrorCodes.Conflict, "The tenant already has a log with this name."),
            new ProblemCase(Status409Conflict, ErrorCodes.LogLimitReached, "The tenant has `Logs__MaxLogsPerTenant` logs; `limit` says how many.").With("limit", 10000),
            new(Status503ServiceUnavailable, ErrorCodes.ServiceUnavailable,
                "Storage did not confirm the create, or too many logs are being created in the tenant at once: retry with the same `Idempotency-Key`."),
        ],
    };

    public static readonly RouteContract List = new("List logs, or find one by name",
        "The tenant's logs in name order, a page at a time (`limit`, `continuation`; the next page's link is also in a "
        + "`Link: <…>; rel=\"next\"` header), each with its head sequence. With `name`, the log of that name or none.")
    {
        ResponseExample = new LogListResponse([new LogResponse(LogId, "orders", Created, 42)], "MTpvcmRlcnM"),
        Problems = [new(Status400BadRequest, ErrorCodes.ValidationError,
            "An invalid `limit`, a `continuation` this API did not issue, an invalid `name`, or `name` with `limit` or `continuation`.")],
    };

    public static readonly RouteContract Get = new("Describe a log", "The log's id, name, creation time and head sequence.")
    {
        ResponseExample = new LogResponse(LogId, "orders", Created, 42),
        Problems = [NoSuchLog],
    };

    public static readonly RouteContract Append = new("Append one event",
        "Stores the raw body as one event and answers its sequence once it is durably committed. `Idempotency-Key` makes "
        + "retries safe (the same key and body answer the original sequence, nothing is stored twice); `expected_sequence` "
        + "appends only if the log's head is that sequence.")
    {
        RawRequest = new RawContent("application/octet-stream", "The event: 1 byte to 1 MiB, any bytes (the content type is not checked).",
            "{\"order\":17}"),
        ResponseExample = new AppendResponse(true, 43),
        Problems = [
            new(Status400BadRequest, ErrorCodes.ValidationError, "An empty body, or an invalid `expected_sequence`."),
            IdempotencyKey, NoSuchLog, SequenceMismatch, EventTooLarge, KeyReused, AppendUnconfirmed,
        ],
    };

    public static readonly RouteContract AppendBatch = new("Append a batch of events",
        "Stores 1–100 base64 events atomically (one storage transaction) at consecutive sequences, or none. Honours "
        + "`Idempotency-Key` (over the whole batch) and `expected_sequence` (the head before the batch).")
    {
        RequestExample = new AppendBatchRequest(["eyJvcmRlciI6MTd9", "eyJvcmRlciI6MTh9"]),
        ResponseExample = new AppendBatchResponse(true, 44, 45),
        Problems = [
            new(Status400BadRequest, ErrorCodes.ValidationError,
                "No events or more than 100, an empty or null entry, invalid base64, or an invalid `expected_sequence`."),
            IdempotencyKey, NoSuchLog, SequenceMismatch, EventTooLarge, KeyReused, AppendUnconfirmed,
        ],
    };

    public static readonly RouteContract Read = new("Read events",
        "A page of events after `after`, in sequence order. With `wait`, an empty page is held back until an event "
        + "arrives or the wait ends: the live tail. Continue with `after = next_after`.")
    {
        ResponseExample = new EventsResponse([new EventResponse(42, "{\"order\":17}"u8.ToArray(), Created)], 42),
        Problems = [
            new(Status400BadRequest, ErrorCodes.ValidationError, "An invalid `after`, `limit` or `wait`."),
            NoSuchLog,
            new(Status429TooManyRequests, ErrorCodes.RateLimited,
                "A `wait` while the tenant or the instance already holds as many long-polls as allowed (`Logs__MaxWaitsPerTenant`, `Logs__MaxWaitsPerInstance`)."),
        ],
    };
}
