using Microsoft.AspNetCore.Diagnostics;

namespace Primatomic.Functions.Hosting;

/// <summary>
/// The one place that maps exceptions to problem responses. Unexpected exceptions become a bare 500 with a trace id:
/// the details go to the log, never to the client.
/// </summary>
internal sealed partial class ApiExceptionHandler(ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        switch (exception)
        {
            case ApiException api:
                if (api.Status is StatusCodes.Status503ServiceUnavailable or StatusCodes.Status429TooManyRequests)
                {
                    httpContext.Response.Headers.RetryAfter = "1";
                }

                await ProblemResponse.WriteAsync(httpContext, api.Status, api.Code, api.Message, api.Extensions);
                return true;
            case BadHttpRequestException bad:
                var (status, code, detail) = MapBadRequest(bad);
                await ProblemResponse.WriteAsync(httpContext, status, code, detail);
                return true;
            case OperationCanceledException when httpContext.RequestAborted.IsCancellationRequested:
                // The client went away; there is nobody to answer.
                return true;
            case Azure.RequestFailedException { Status: 0 or 408 or 429 or >= 500 } or TimeoutException or OperationCanceledException
                or HttpRequestException:
                // Storage is throttling, timing out or unreachable: a transient condition the client should retry.
                LogStorageUnavailable(logger, exception, httpContext.TraceIdentifier);
                httpContext.Response.Headers.RetryAfter = "1";
                await ProblemResponse.WriteAsync(httpContext, StatusCodes.Status503ServiceUnavailable, ErrorCodes.ServiceUnavailable,
                    "Storage is temporarily unavailable; retry shortly.", new Dictionary<string, object?> { ["trace_id"] = httpContext.TraceIdentifier });
                return true;
            default:
                LogUnhandled(logger, exception, httpContext.TraceIdentifier);
                await ProblemResponse.WriteAsync(httpContext, StatusCodes.Status500InternalServerError, ErrorCodes.Internal,
                    "An internal error occurred.", new Dictionary<string, object?> { ["trace_id"] = httpContext.TraceIdentifier });
                return true;
        }
    }

    private static (int Status, string Code, string Detail) MapBadRequest(BadHttpRequestException bad) => bad.StatusCode switch
    {
        StatusCodes.Status413PayloadTooLarge =>
            (StatusCodes.Status413PayloadTooLarge, ErrorCodes.PayloadTooLarge, "The request body is too large."),
        StatusCodes.Status415UnsupportedMediaType =>
            (StatusCodes.Status415UnsupportedMediaType, ErrorCodes.UnsupportedMediaType, "Unsupported content type; send application/json."),
        _ when bad.InnerException is System.Text.Json.JsonException =>
            (StatusCodes.Status400BadRequest, ErrorCodes.ValidationError, "The request body is not valid JSON for this operation."),
        _ => (StatusCodes.Status400BadRequest, ErrorCodes.ValidationError, "The request is malformed."),
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Storage unavailable for request {TraceId}")]
    private static partial void LogStorageUnavailable(ILogger logger, Exception exception, string traceId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled exception for request {TraceId}")]
    private static partial void LogUnhandled(ILogger logger, Exception exception, string traceId);
}
