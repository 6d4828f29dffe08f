using Microsoft.AspNetCore.Mvc;
using Primatomic.Functions.Auth;
using Primatomic.Functions.Hosting;
using Primatomic.Functions.Logs.Storage;

namespace Primatomic.Functions.Logs;

/// <summary>The /logs endpoints. Every one first checks that the caller's tenant owns the log (else 404).</summary>
public static class LogsApi
{
    private static readonly TimeSpan TablePollInterval = TimeSpan.FromMilliseconds(200);

    public static IEndpointRouteBuilder MapLogsEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var logs = endpoints.MapGroup("/logs");
        logs.MapPost("/{name}", CreateLog).WithName("CreateLog").RequireScope(Scopes.LogsWrite);
        logs.MapGet("", ListLogs).WithName("ListLogs").RequireScope(Scopes.LogsRead);
        logs.MapGet("/{log_id}", GetLog).WithName("GetLog").RequireScope(Scopes.LogsRead);
        logs.MapPost("/{log_id}/append", Append).WithName("AppendEvent").RequireScope(Scopes.LogsWrite);
        logs.MapPost("/{log_id}/append-batch", AppendBatch).WithName("AppendBatch").RequireScope(Scopes.LogsWrite);
        logs.MapGet("/{log_id}/events", ReadEvents).WithName("ReadEvents").RequireScope(Scopes.LogsRead);
        return endpoints;
    }

    private static async Task<IResult> CreateLog(string name, HttpContext http, LogCatalog catalog, CancellationToken cancellationToken)
    {
        var log = await catalog.CreateAsync(http.GetCaller().TenantId, name, cancellationToken);
        return TypedResults.Created($"/logs/{log.LogId}", new CreateLogResponse(true, log.LogId));
    }

    private static async Task<IResult> ListLogs(HttpContext http, LogCatalog catalog, EventLog events, CancellationToken cancellationToken)
    {
        var logs = await catalog.ListAsync(http.GetCaller().TenantId, cancellationToken);
        var answers = await Task.WhenAll(logs.Select(log => Describe(log, events, cancellationToken)));
        return TypedResults.Ok(new LogListResponse(answers));
    }

    private static async Task<IResult> GetLog([FromRoute(Name = "log_id")] string logId, HttpContext http, LogCatalog catalog,
        EventLog events, CancellationToken cancellationToken)
    {
        var log = await catalog.GetAsync(http.GetCaller().TenantId, logId, cancellationToken);
        return TypedResults.Ok(await Describe(log, events, cancellationToken));
    }

    private static async Task<IResult> Append([FromRoute(Name = "log_id")] string logId, HttpContext http, LogCatalog catalog,
        EventLog events, CancellationToken cancellationToken)
    {
        var log = await catalog.GetAsync(http.GetCaller().TenantId, logId, cancellationToken);
        var key = LogsRequests.IdempotencyKey(http.Request);
        var expected = LogsRequests.ExpectedSequence(http.Request);
        var data = await LogsRequests.RawEventAsync(http.Request, cancellationToken);
        var outcome = Check(await events.AppendAsync(log.LogId, [data], key, expected, cancellationToken));
        return TypedResults.Ok(new AppendResponse(true, outcome.First));
    }

    private static async Task<IResult> AppendBatch([FromRoute(Name = "log_id")] string logId, AppendBatchRequest? batch,
        HttpContext http, LogCatalog catalog, EventLog events, CancellationToken cancellationToken)
    {
        var log = await catalog.GetAsync(http.GetCaller().TenantId, logId, cancellationToken);
        var key = LogsRequests.IdempotencyKey(http.Request);
        var expected = LogsRequests.ExpectedSequence(http.Request);
        var data = LogsRequests.BatchEvents(batch);
        var outcome = Check(await events.AppendAsync(log.LogId, data, key, expected, cancellationToken));
        return TypedResults.Ok(new AppendBatchResponse(true, outcome.First, outcome.Last));
    }

    /// <summary>
    /// A page of events after <c>after</c>. With <c>wait</c>, an empty page is held back until an event arrives:
    /// this process's commits wake it at once, other instances' commits are seen by polling the table.
    /// </summary>
    private static async Task<IResult> ReadEvents([FromRoute(Name = "log_id")] string logId, HttpContext http, LogCatalog catalog,
        EventLog events, TimeProvider time, CancellationToken cancellationToken)
    {
        var log = await catalog.GetAsync(http.GetCaller().TenantId, logId, cancellationToken);
        var after = LogsRequests.Integer(http.Request, "after", 0, long.MaxValue - 1, 0);
        var limit = (int)LogsRequests.Integer(http.Request, "limit", 1, LogLimits.MaxPageLimit, LogLimits.DefaultPageLimit);
        var wait = TimeSpan.FromSeconds(LogsRequests.Integer(http.Request, "wait", 0, LogLimits.MaxWaitSeconds, 0));
        var deadline = time.GetUtcNow() + wait;
        while (true)
        {
            var nextCommit = events.Signals.NextCommit(log.LogId);
            var page = await events.ReadAsync(log.LogId, after, limit, LogLimits.MaxPageBytes, cancellationToken);
            var remaining = deadline - time.GetUtcNow();
            if (page.Events.Count > 0 || remaining <= TimeSpan.Zero)
            {
                return TypedResults.Ok(new EventsResponse(
                    [.. page.Events.Select(e => new EventResponse(e.Sequence, e.Data, e.AppendedAt))], page.NextAfter));
            }

            await Task.WhenAny(nextCommit, Task.Delay(remaining < TablePollInterval ? remaining : TablePollInterval, time, cancellationToken));
            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    private static async Task<LogResponse> Describe(LogInfo log, EventLog events, CancellationToken cancellationToken) =>
        new(log.LogId, log.Name, log.CreatedAt, await events.ReadHeadAsync(log.LogId, cancellationToken));

    private static AppendOutcome Check(AppendOutcome outcome) => outcome.Status switch
    {
        AppendStatus.Appended => outcome,
        AppendStatus.SequenceMismatch => throw new ApiException(StatusCodes.Status409Conflict, ErrorCodes.SequenceMismatch,
            "The log's head is not at the expected sequence.",
            new Dictionary<string, object?> { ["current_sequence"] = outcome.CurrentSequence }),
        AppendStatus.KeyReused => throw new ApiException(StatusCodes.Status422UnprocessableEntity, ErrorCodes.IdempotencyKeyReused,
            "This Idempotency-Key was already used with a different body."),
        _ => throw new ApiException(StatusCodes.Status503ServiceUnavailable, ErrorCodes.ServiceUnavailable,
            "Storage did not confirm the append in time. Retry with the same Idempotency-Key: if the first attempt was committed after all, the retry answers its original sequence instead of storing a second copy."),
    };
}
