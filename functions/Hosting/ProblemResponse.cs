using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
using Primatomic.Functions.Hosting.Telemetry;

namespace Primatomic.Functions.Hosting;

/// <summary>
/// Writes RFC 9457 problem documents with the stable <c>code</c> member; the only error body shape we emit. Each
/// carries <c>trace_id</c>, the request's W3C trace id, to find its spans and log lines.
/// </summary>
public static class ProblemResponse
{
    public const string ContentType = "application/problem+json";

    public static async Task WriteAsync(HttpContext context, int status, string code, string detail,
        IReadOnlyDictionary<string, object?>? extensions = null)
    {
        if (context.Response.HasStarted)
        {
            return;
        }

        context.Response.StatusCode = status;
        context.Response.ContentType = ContentType;
        await JsonSerializer.SerializeAsync<Dictionary<string, object?>>(context.Response.Body, Build(context, status, code, detail, extensions), ReadableJson.Options,
            context.RequestAborted);
    }

    private const int MaxInstanceLength = 256;

    public static Dictionary<string, object?> Build(HttpContext context, int status, string code, string detail,
        IReadOnlyDictionary<string, object?>? extensions = null)
    {
        var problem = new Dictionary<string, object?>
        {
            ["type"] = "about:blank",
            ["title"] = ReasonPhrases.GetReasonPhrase(status),
            ["status"] = status,
            ["code"] = code,
            ["detail"] = detail,
            ["instance"] = Instance(context.Request.Path.Value),
            ["trace_id"] = TraceIds.Of(context),
        };
        if (extensions is not null)
        {
            foreach (var (key, value) in extensions)
            {
                problem[key] = value;
            }
        }

        return problem;
    }

    /// <summary>The request path, cut short: an error must not echo kilobytes of a caller's input back.</summary>
    private static string? Instance(string? path) => path is { Length: > MaxInstanceLength } ? path[..MaxInstanceLength] : path;
}

/// <summary>An endpoint result that renders a problem document, for handlers that prefer returning to throwing.</summary>
public sealed class ProblemResult(int status, string code, string detail, IReadOnlyDictionary<string, object?>? extensions = null)
    : IResult
{
    public Task ExecuteAsync(HttpContext httpContext) =>
        ProblemResponse.WriteAsync(httpContext, status, code, detail, extensions);
}
