using System.Diagnostics;

namespace Primatomic.Functions.Hosting.Telemetry;

/// <summary>The trace id a client is given (problem responses' <c>trace_id</c>), the one every span and log line of its request carries.</summary>
public static class TraceIds
{
    /// <summary>
    /// W3C ids for every activity, even when a caller sends a legacy hierarchical <c>Request-Id</c> header: a
    /// <c>trace_id</c> must always be something a trace backend can look up.
    /// </summary>
    public static void UseW3C()
    {
        Activity.DefaultIdFormat = ActivityIdFormat.W3C;
        Activity.ForceDefaultIdFormat = true;
    }

    /// <summary>
    /// The request's W3C trace id. ASP.NET Core starts the request's activity whether or not anything exports it;
    /// only if logging and tracing were both switched off would there be none, and then the request id stands in.
    /// </summary>
    public static string Of(HttpContext context) =>
        Activity.Current is { IdFormat: ActivityIdFormat.W3C } activity ? activity.TraceId.ToHexString() : context.TraceIdentifier;
}
