using Microsoft.AspNetCore.Diagnostics;
using Primatomic.Functions.Hosting.Telemetry;

namespace Primatomic.Functions.Hosting;

/// <summary>
/// The one place that maps exceptions to problem responses. Unexpected exceptions become a bare 500 with its trace id:
/// the details go to the log, never to the client.
/// </summary>
internal sealed partial class ApiExceptionHandler(ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var traceId = TraceIds.Of(httpContext);
        if (httpContext.RequestAborted.IsCancellationRequested)
        {
            // The client went away (often while storage was failing): nobody to answer, nothing unexpected to report.
            LogClientGone(logger, traceId);
            return true;
        }

        try
        {
            await WriteAsync(httpContext, exception);
        }
        catch (Exception writeFailure) when (httpContext.RequestAborted.IsCancellationRequested
            && writeFailure is OperationCanceledException or IOException)
        {
            LogClientGone(logger, traceId);
        }

        return true;
    }

    private async Task WriteAsync(HttpContext httpContext, Exception exception)
    {
        switch (exception)
        {
            case ApiException api:
                if (api.Status is StatusCodes.Status503ServiceUnavailable or StatusCodes.Status429TooManyRequests)
                {
                    httpContext.Response.Headers.RetryAfter = "1";
                }

                await ProblemResponse.WriteAsync(httpContext, api.Status, api.Code, api.Message, api.Extensions);
                return;
            case BadHttpRequestException bad:
                var (status, code, detail) = MapBadRequest(bad);
                await ProblemResponse.WriteAsync(httpContext, status, code, detail);
                return;
            case RequestDeadlineExceededException:
                LogDeadlineExceeded(logger, TraceIds.Of(httpContext));
                await WriteUnavailableAsync(httpContext, "The request did not complete in time; retry shortly.");
                return;
            case var _ when StorageFaults.IsStorageFault(exception):
                // Storage is throttling, timing out or unreachable: a transient condition the client should retry.
                LogStorageUnavailable(logger, exception, TraceIds.Of(httpContext));
                HostingMetrics.StorageError("request", exception);
                await WriteUnavailableAsync(httpContext, StorageFaults.Detail);
                return;
            default:
                LogUnhandled(logger, exception, TraceIds.Of(httpContext));
                await ProblemResponse.WriteAsync(httpContext, StatusCodes.Status500InternalServerError, ErrorCodes.Internal,
                    "An internal error occurred.");
                return;
        }
    }

    private static Task WriteUnavailableAsync(HttpContext httpContext, string detail)
    {
        httpContext.Response.Headers.RetryAfter = "1";
        return ProblemResponse.WriteAsync(httpContext, StatusCodes.Status503ServiceUnavailable, ErrorCodes.ServiceUnavailable,
            detail);
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Request {TraceId} ended by the client before it was answered")]
    private static partial void LogClientGone(ILogger logger, string traceId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Request {TraceId} exceeded REQUEST_TIMEOUT_SECS; answered 503")]
    private static partial void LogDeadlineExceeded(ILogger logger, string traceId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled exception for request {TraceId}")]
    private static partial void LogUnhandled(ILogger logger, Exception exception, string traceId);
}
