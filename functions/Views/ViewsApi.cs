using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Primatomic.Functions.Auth;
using Primatomic.Functions.Contract;
using Primatomic.Functions.Hosting;
using Primatomic.Functions.Logs;
using Primatomic.Functions.Logs.Storage;

using Primatomic.Functions.Views.Compiling;
using Primatomic.Functions.Views.Placement;
using Primatomic.Functions.Views.Runtime;

namespace Primatomic.Functions.Views;

/// <summary>The /logs/{log_id}/views endpoints. Each first checks that the caller's tenant owns the log (else 404).</summary>
public static class ViewsApi
{
    private static readonly QueryParameter QueryAfter = QueryParameter.WholeNumber("after",
        "Answer only once the view has applied every event up to this sequence (read-after-write); waits up to Views__QueryWaitTimeout, then 503.", 42);

    public static IEndpointRouteBuilder MapViewsEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var views = endpoints.MapGroup("/logs/{log_id}/views").WithTags("Views");
        views.MapPost("/{view_name}", Deploy).WithName("DeployView").RequireScope(Scopes.ViewsDeploy).Documented(ViewsContract.Deploy);
        views.MapGet("", List).WithName("ListViews").RequireScope(Scopes.ViewsQuery).Documented(ViewsContract.List);
        views.MapDelete("/{view_name}", Delete).WithName("DeleteView").RequireScope(Scopes.ViewsDeploy).Documented(ViewsContract.Delete);
        views.MapGet("/{view_name}/stats", Stats).WithName("ViewStats").RequireScope(Scopes.ViewsQuery).Documented(ViewsContract.Stats);
        views.MapPost("/{view_name}/query", Query).WithName("QueryView").RequireScope(Scopes.ViewsQuery).AcceptsQuery(QueryAfter)
            .Documented(ViewsContract.Query);
        return endpoints;
    }

    private static async Task<Ok<DeployViewResponse>> Deploy([FromRoute(Name = "log_id")] string logId, [FromRoute(Name = "view_name")] string viewName,
        HttpContext http, LogCatalog logs, ViewCatalog catalog, ViewEngine engine, ViewCompiler compiler, ViewBlobs blobs, ViewReplicas replicas,
        PlacementLoop placement, TimeProvider time, CancellationToken cancellationToken)
    {
        var tenantId = http.GetCaller().TenantId;
        var log = await logs.GetAsync(tenantId, logId, cancellationToken);
        CheckName(viewName);
        await catalog.EnsureRoomAsync(tenantId, log.LogId, viewName, engine.Limits, cancellationToken);
        var component = await ViewsRequests.ComponentAsync(http.Request, engine.Limits.MaxComponentBytes, cancellationToken);
        CompiledView compiled;
        CompiledView? stored;
        try
        {
            // The same bytes compiled before (by anyone) give the same artifact: only a new component compiles.
            stored = await blobs.FindCompiledAsync(ViewEngine.HashOf(component.Span), cancellationToken);
            compiled = stored ?? await compiler.CompileAsync(tenantId, component, cancellationToken);
        }
        catch (InvalidViewException invalid)
        {
            throw new ApiException(StatusCodes.Status400BadRequest, ErrorCodes.InvalidView, invalid.Message);
        }

        try
        {
            // Deploy validates by running: instantiate and init under the limits before anything is stored.
            engine.Instantiate(compiled).Dispose();
        }
        catch (ViewFaultException fault)
        {
            compiled.Dispose();
            throw new ApiException(StatusCodes.Status400BadRequest, ErrorCodes.InvalidView, $"The view does not start: {fault.Message}");
        }

        try
        {
            if (stored is null)
            {
                await blobs.StoreAsync(component, compiled, cancellationToken);
            }

            var record = await catalog.DeployAsync(tenantId, log.LogId, viewName, compiled.ContentHash, time.GetUtcNow(), cancellationToken);
            if (placement.Leads(log.LogId))
            {
                await replicas.InstallAsync(record, compiled, lead: true);
            }
            else
            {
                compiled.Dispose(); // its leader elsewhere loads it within Views__SupervisePoll; a query here loads it on demand
            }

            return TypedResults.Ok(new DeployViewResponse(true, record.Version, record.ContentHash));
        }
        catch
        {
            compiled.Dispose();
            throw;
        }
    }

    private static async Task<Ok<ViewListResponse>> List([FromRoute(Name = "log_id")] string logId, HttpContext http, LogCatalog logs,
        ViewCatalog catalog, CancellationToken cancellationToken)
    {
        var log = await logs.GetAsync(http.GetCaller().TenantId, logId, cancellationToken);
        var views = await catalog.ListAsync(log.LogId, cancellationToken);
        return TypedResults.Ok(new ViewListResponse([.. views.Select(v => new ViewSummary(v.Name, v.Version, v.ContentHash, v.CreatedAt))]));
    }

    private static async Task<Ok<DeleteViewResponse>> Delete([FromRoute(Name = "log_id")] string logId, [FromRoute(Name = "view_name")] string viewName,
        HttpContext http, LogCatalog logs, ViewCatalog catalog, ViewReplicas replicas, ViewCheckpoints checkpoints, CancellationToken cancellationToken)
    {
        var log = await logs.GetAsync(http.GetCaller().TenantId, logId, cancellationToken);
        if (!await catalog.DeleteAsync(log.LogId, viewName, cancellationToken))
        {
            throw ApiException.NotFound($"The log has no view named '{viewName}'.");
        }

        await replicas.RemoveAsync(log.LogId, viewName);
        await checkpoints.DeleteAllAsync(log.LogId, viewName, cancellationToken);
        return TypedResults.Ok(new DeleteViewResponse(true));
    }

    private static async Task<Ok<ViewStatsResponse>> Stats([FromRoute(Name = "log_id")] string logId, [FromRoute(Name = "view_name")] string viewName,
        HttpContext http, LogCatalog logs, ViewCatalog catalog, ViewReplicas replicas, ShardLeases shards, PlacementLoop placement,
        EventLog events, CancellationToken cancellationToken)
    {
        var log = await logs.GetAsync(http.GetCaller().TenantId, logId, cancellationToken);
        var record = await catalog.GetAsync(log.LogId, viewName, cancellationToken);
        var replica = await replicas.GetAsync(record, cancellationToken);
        var head = await events.ReadHeadAsync(log.LogId, cancellationToken);
        var failure = replica.Failure;
        // The leader is whoever holds the shard of the view's log: one instance runs every view of a shard.
        var leader = failure is null ? await shards.HolderAsync(placement.ShardOf(log.LogId), cancellationToken) : null;
        // processed_sequence and the rest describe this instance's replica; serving_node_id says which instance that is.
        return TypedResults.Ok(new ViewStatsResponse(
            record.Name, log.Name, leader is null ? null : "ready", leader, ViewNode.Id,
            replica.ProcessedSequence, record.CreatedAt.ToUnixTimeSeconds(), head,
            failure is null ? "running" : "failed", failure?.Message, failure?.Sequence, replica.CheckpointSequence,
            Math.Round(replica.ApplyRate), replica.EventsApplied, replica.RestoredFromSequence, record.Version,
            replica.IsLeader ? "leading" : "on_demand"));
    }

    private static async Task<FileContentHttpResult> Query([FromRoute(Name = "log_id")] string logId, [FromRoute(Name = "view_name")] string viewName,
        HttpContext http, LogCatalog logs, ViewCatalog catalog, ViewReplicas replicas, ViewEngine engine, EventLog events,
        CancellationToken cancellationToken)
    {
        var log = await logs.GetAsync(http.GetCaller().TenantId, logId, cancellationToken);
        var record = await catalog.GetRecentAsync(log.LogId, viewName, cancellationToken);
        var after = ViewsRequests.After(http.Request);
        var input = await ViewsRequests.QueryInputAsync(http.Request, LogLimits.MaxEventBytes, cancellationToken);
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var outcome = ViewTelemetry.QueryFailed;
        try
        {
            var answer = await AnswerWithRetryAsync();
            outcome = ViewTelemetry.QueryOk;
            return answer;
        }
        catch (ApiException timeout) when (timeout.Code == ErrorCodes.ViewCatchUpTimeout)
        {
            outcome = ViewTelemetry.QueryTimeout;
            throw;
        }
        finally
        {
            ViewTelemetry.Queried(started, outcome);
        }

        async Task<FileContentHttpResult> AnswerWithRetryAsync()
        {
            try
            {
                return await AnswerAsync(await replicas.GetAsync(record, cancellationToken));
            }
            catch (ObjectDisposedException)
            {
                // The replica stopped under the query (a redeploy replaced it, or it was dropped when idle): once more, afresh.
                try
                {
                    return await AnswerAsync(await replicas.GetAsync(record, cancellationToken));
                }
                catch (ObjectDisposedException)
                {
                    throw ApiException.Unavailable("The view was being replaced on this instance; retry.");
                }
            }
        }

        async Task<FileContentHttpResult> AnswerAsync(ViewReplica replica)
        {
            if (after is { } target)
            {
                await ViewsRequests.WaitForAsync(replica, target, () => events.ReadHeadAsync(log.LogId, cancellationToken), engine.Limits.QueryWaitTimeout,
                    cancellationToken);
            }

            try
            {
                return TypedResults.Bytes(await replica.QueryAsync(input, cancellationToken), "application/octet-stream");
            }
            catch (ViewFaultException fault) when (!fault.IsFatal)
            {
                // The query trapped or ran out of budget: only this request fails; the replica rebuilds its instance.
                throw new ApiException(StatusCodes.Status422UnprocessableEntity, ErrorCodes.ViewQueryFailed, fault.Message);
            }
            catch (ViewFaultException)
            {
                throw ViewsRequests.Failed(replica.Failure!);
            }
        }
    }

    private static void CheckName(string viewName)
    {
        if (!LogCatalog.IsValidName(viewName))
        {
            throw ApiException.Validation("A view name is 1-64 characters of A-Z, a-z, 0-9, '.', '_' and '-'.");
        }
    }
}
