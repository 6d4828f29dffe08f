using System.Globalization;
using Microsoft.Extensions.Options;
using Primatomic.Functions.Logs;
using Primatomic.Functions.Views;

namespace Primatomic.Functions.Hosting;

/// <summary>
/// Gives every request a deadline: <see cref="HttpContext.RequestAborted"/> is replaced by a token that also fires
/// when REQUEST_TIMEOUT_SECS have passed, so storage calls, waits and queued appends (which all take it) end in time,
/// and what ends them is answered 503 SERVICE_UNAVAILABLE with Retry-After instead of hanging. Long-polls get their
/// wait on top; a view deploy is bounded by its compile settings instead; the Functions host's own trigger
/// invocations (not client requests) are left to the host's timeout.
/// </summary>
internal sealed class RequestDeadline(IOptions<RequestTimeoutOptions> timeouts, IOptions<ViewLimits> viewLimits)
{
    // By endpoint name, like the rate limiter's credential bucket, so the rule sits in one place.
    private const string ReadEvents = "ReadEvents";
    private const string QueryView = "QueryView";
    private const string DeployView = "DeployView";

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        if (Budget(context) is not { } budget)
        {
            await next(context);
            return;
        }

        var clientAborted = context.RequestAborted;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(clientAborted);
        deadline.CancelAfter(budget);
        context.RequestAborted = deadline.Token;
        try
        {
            await next(context);
        }
        catch (Exception exception) when (deadline.IsCancellationRequested && !clientAborted.IsCancellationRequested
            && exception is not ApiException)
        {
            throw new RequestDeadlineExceededException(budget, exception);
        }
        finally
        {
            context.RequestAborted = clientAborted;
        }
    }

    /// <summary>How long this request may take, or null when something else bounds it.</summary>
    public TimeSpan? Budget(HttpContext context)
    {
        var endpoint = context.GetEndpoint();
        if (endpoint?.Metadata.GetMetadata<FunctionTrigger>() is not null)
        {
            return null;
        }

        var name = endpoint?.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName;
        var timeout = timeouts.Value.Timeout;
        return name switch
        {
            DeployView => null,
            ReadEvents => timeout + TimeSpan.FromSeconds(WaitSeconds(context.Request)),
            QueryView when context.Request.Query.ContainsKey("after") => timeout + viewLimits.Value.QueryWaitTimeout,
            _ => timeout,
        };
    }

    private static int WaitSeconds(HttpRequest request) =>
        int.TryParse(request.Query["wait"].ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var wait)
            ? Math.Clamp(wait, 0, LogLimits.MaxWaitSeconds)
            : 0;
}
