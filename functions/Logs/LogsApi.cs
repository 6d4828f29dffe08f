using Microsoft.AspNetCore.Mvc;
using Primatomic.Functions.Auth;
using Primatomic.Functions.Contract;
using Primatomic.Functions.Hosting;
using Primatomic.Functions.Logs.Storage;
using Primatomic.Functions.Logs.Waiting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Primatomic.Functions.Logs;

/// <summary>The /logs endpoints. Every one first checks that the caller's tenant owns the log (else 404).</summary>
public static class LogsApi
{
    public static IEndpointRouteBuilder MapLogsEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var logs = endpoints.MapGroup("/logs").WithTags("Logs");
        logs.MapPost("/{name}", CreateLog).WithName("CreateLog").RequireScope(Scopes.LogsWrite).AcceptsHeader(LogsRequests.CreateKey)
            .Documented(LogsContract.Create);
        logs.MapGet("", ListLogs).WithName("ListLogs").RequireScope(Scopes.LogsRead).AcceptsQuery(LogsQuery.Limit, LogsQuery.Continuation, LogsQuery.Name)
            .Documented(LogsContract.List);
        logs.MapGet("/{log_id}", GetLog).WithName("GetLog").RequireScope(Scopes.LogsRead).Documented(LogsContract.Get);
        logs.MapPost("/{log_id}/append", Append).WithName("AppendEvent").RequireScope(Scopes.LogsWrite).AcceptsQuery(LogsQuery.ExpectedSequence)
            .AcceptsHeader(LogsRequests.AppendKey).Documented(LogsContract.Append);
        logs.MapPost("/{log_id}/append-batch", AppendBatch).WithName("AppendBatch").RequireScope(Scopes.LogsWrite)
            .AcceptsQuery(LogsQuery.ExpectedSequence).AcceptsHeader(LogsRequests.AppendKey).Documented(LogsContract.AppendBatch);
        logs.MapGet("/{log_id}/events", ReadEvents).WithName("ReadEvents").RequireScope(Scopes.LogsRead).AcceptsQuery(LogsQuery.After, LogsQuery.EventLimit, LogsQuery.Wait)
            .Documented(LogsContract.Read);
        return endpoints;
    }

    private static async Task<Created<CreateLogResponse>> CreateLog(string name, HttpContext http, LogCreator creator, CancellationToken cancellationToken)
    {
        var key = LogsRequests.IdempotencyKey(http.Request);
        var log = await creator.CreateAsync(http.GetCaller().TenantId, name, key, cancellationToken);
        return TypedResults.Created($"/logs/{log.LogId}", new CreateLogResponse(true, log.LogId));
    }

    /// <summary>
    /// One page of the tenant's logs in name order, or the log with a given name. Only the page's heads are read, a
    /// few at a time, so the cost of a call does not grow with the tenant's number of logs.
    /// </summary>
    private static async Task<Ok<LogListResponse>> ListLogs(HttpContext http, LogCatalog catalog, EventLog events, CancellationToken cancellationToken)
    {
        var query = LogListRequest.From(http.Request);
        var tenantId = http.GetCaller().TenantId;
        IReadOnlyList<LogInfo> logs;
        var more = false;
        if (query.Name is not null)
        {
            logs = await catalog.FindByNameAsync(tenantId, query.Name, cancellationToken) is { } named ? [named] : [];
        }
        else
        {
            (logs, more) = await catalog.ListPageAsync(tenantId, query.AfterName, query.Limit, cancellationToken);
        }

        var answers = new LogResponse[logs.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, logs.Count),
            new ParallelOptions { MaxDegreeOfParallelism = LogLimits.ListHeadReads, CancellationToken = cancellationToken },
            async (i, token) => answers[i] = await Describe(logs[i], events, token));
        var continuation = more ? LogListRequest.TokenAfter(logs[^1].Name) : null;
        if (continuation is not null)
        {
            http.Response.Headers.Link = $"</logs?limit={query.Limit}&continuation={continuation}>; rel=\"next\"";
        }

        return TypedResults.Ok(new LogListResponse(answers, continuation));
    }

    private static async Task<Ok<LogResponse>> GetLog([FromRoute(Name = "log_id")] string logId, HttpContext http, LogCatalog catalog,
        EventLog events, CancellationToken cancellationToken)
    {
        var log = await catalog.GetAsync(http.GetCaller().TenantId, logId, cancellationToken);
        return TypedResults.Ok(await Describe(log, events, cancellationToken));
    }

    private static async Task<Ok<AppendResponse>> Append([FromRoute(Name = "log_id")] string logId, HttpContext http, LogCatalog catalog,
        EventLog events, CancellationToken cancellationToken)
    {
        var log = await catalog.GetAsync(http.GetCaller().TenantId, logId, cancellationToken);
        var key = LogsRequests.IdempotencyKey(http.Request);
        var expected = LogsRequests.ExpectedSequence(http.Request);
        var data = await LogsRequests.RawEventAsync(http.Request, cancellationToken);
        var outcome = Check(await events.AppendAsync(log.LogId, [data], key, expected, cancellationToken));
        return TypedResults.Ok(new AppendResponse(true, outcome.First));
    }

    private static async Task<Ok<AppendBatchResponse>> AppendBatch([FromRoute(Name = "log_id")] string logId, AppendBatchRequest? batch,
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
    /// A page of events after <c>after</c>. With <c>wait</c>, an empty page is held back until an event arrives; the
    /// wait itself reads nothing: the log's one <see cref="HeadWatchers">watch</see> on this instance tells all its
    /// waiters when the head moves.
    /// </summary>
    private static async Task<Ok<EventsResponse>> ReadEvents([FromRoute(Name = "log_id")] string logId, HttpContext http, LogCatalog catalog,
        EventLog events, HeadWatchers watchers, TimeProvider time, CancellationToken cancellationToken)
    {
        var tenantId = http.GetCaller().TenantId;
        var log = await catalog.GetAsync(tenantId, logId, cancellationToken);
        var after = LogsRequests.Integer(http.Request, "after", 0, long.MaxValue - 1, 0);
        var limit = (int)LogsRequests.Integer(http.Request, "limit", 1, LogLimits.MaxPageLimit, LogLimits.DefaultPageLimit);
        var wait = TimeSpan.FromSeconds(LogsRequests.Integer(http.Request, "wait", 0, LogLimits.MaxWaitSeconds, 0));
        var deadline = time.GetUtcNow() + wait;
        var page = await events.ReadAsync(log.LogId, after, limit, LogLimits.MaxPageBytes, cancellationToken);
        if (page.Events.Count > 0 || wait <= TimeSpan.Zero)
        {
            return Answer(page);
        }

        using var slot = watchers.Admit(tenantId);
        while (true)
        {
            var remaining = deadline - time.GetUtcNow();
            if (remaining <= TimeSpan.Zero || !await watchers.WaitBeyondAsync(log.LogId, after, remaining, cancellationToken))
            {
                return Answer(page);
            }

            page = await events.ReadAsync(log.LogId, after, limit, LogLimits.MaxPageBytes, cancellationToken);
            if (page.Events.Count > 0)
            {
                return Answer(page);
            }
        }
    }

    private static Ok<EventsResponse> Answer(EventPage page) =>
        TypedResults.Ok(new EventsResponse([.. page.Events.Select(e => new EventResponse(e.Sequence, e.Data, e.AppendedAt))], page.NextAfter));

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
        _ => throw ApiException.Unavailable("Storage did not confirm the append in time. Retry with the same Idempotency-Key: if the first attempt was committed after all, the retry answers its original sequence instead of storing a second copy."),
    };
}
