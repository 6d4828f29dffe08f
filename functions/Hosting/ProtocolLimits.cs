using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Primatomic.Functions.Hosting;

/// <summary>
/// Our limits on the request line and headers, answered by the app as problem+json. Kestrel rejects requests over its
/// own limits before any app code runs, with an empty body that cannot be customised; so Kestrel's limits are set
/// well above ours, and ours are enforced here, first in the pipeline, as an
/// ordinary problem answer. Requests beyond Kestrel's raised limits, or not parseable as HTTP at all,
/// are still Kestrel's to reject; <see cref="KestrelRejections"/> gives those answers a problem body.
/// </summary>
internal static class ProtocolLimits
{
    /// <summary>Longest request target (path and query) we accept; Kestrel's own default request-line limit.</summary>
    public const int MaxRequestTargetBytes = 8 * 1024;

    /// <summary>Largest total of header lines we accept; Kestrel's own default.</summary>
    public const int MaxHeaderBytes = 32 * 1024;

    /// <summary>Most header fields we accept; Kestrel's own default.</summary>
    public const int MaxHeaderCount = 100;

    /// <summary>Kestrel's limits: this much larger, so a request over ours still reaches the app to be answered.</summary>
    private const int KestrelHeadroom = 8;

    public static void RaiseKestrelLimits(KestrelServerLimits limits)
    {
        limits.MaxRequestLineSize = MaxRequestTargetBytes * KestrelHeadroom;
        limits.MaxRequestHeadersTotalSize = MaxHeaderBytes * KestrelHeadroom;
        limits.MaxRequestHeaderCount = MaxHeaderCount * KestrelHeadroom;
    }

    public static Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var target = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? context.Request.Path.Value ?? string.Empty;
        if (target.Length > MaxRequestTargetBytes)
        {
            return RejectAsync(context, StatusCodes.Status414UriTooLong, ErrorCodes.UriTooLong,
                $"The request target is longer than {MaxRequestTargetBytes} bytes.");
        }

        var headers = context.Request.Headers;
        long headerBytes = 0;
        foreach (var (name, values) in headers)
        {
            foreach (var value in values)
            {
                // As on the wire: "name: value\r\n".
                headerBytes += name.Length + (value?.Length ?? 0) + 4;
            }
        }

        if (headers.Count > MaxHeaderCount || headerBytes > MaxHeaderBytes)
        {
            return RejectAsync(context, StatusCodes.Status431RequestHeaderFieldsTooLarge, ErrorCodes.HeadersTooLarge,
                $"The request headers exceed {MaxHeaderCount} fields or {MaxHeaderBytes} bytes.");
        }

        return next(context);
    }

    private static Task RejectAsync(HttpContext context, int status, string code, string detail)
    {
        // The connection may hold more of this oversized request; do not reuse it.
        context.Response.Headers.Connection = "close";
        return ProblemResponse.WriteAsync(context, status, code, detail);
    }
}
