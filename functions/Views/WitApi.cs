using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Primatomic.Functions.Contract;
using Primatomic.Functions.Hosting;

namespace Primatomic.Functions.Views;

/// <summary>
/// GET /wit/primatomic-machine.wit: the published interface every view implements, as `wkg get --format wit
/// primatomic:machine@0.0.1` prints it. Anonymous (it is public), cacheable, and identical to the file the engine
/// checks views against (Views/wit/primatomic-machine.wit, embedded).
/// </summary>
public static class WitApi
{
    public const string Route = "/wit/primatomic-machine.wit";
    private const string ContentType = "text/plain; charset=utf-8";

    private static readonly RequestHeader IfNoneMatch = new("If-None-Match",
        "The ETag of a copy you hold: 304 Not Modified, no body, when it is still current.", "\"3c9a1f0e7b2d4c6a\"");

    private static readonly RouteContract Contract = new("The view interface (WIT)",
        "The WebAssembly interface every view implements, `primatomic:machine@0.0.1`, exactly the file the service checks "
        + "components against; cacheable (ETag, an hour).")
    {
        RawResponse = new RawContent(ContentType, "The WIT text.", "package primatomic:machine@0.0.1;\n"),
    };

    private static readonly Lazy<(byte[] Bytes, string ETag)> Wit = new(() =>
    {
        using var stream = typeof(WitApi).Assembly.GetManifestResourceStream("Primatomic.Functions.Views.wit.primatomic-machine.wit")
            ?? throw new InvalidOperationException("primatomic-machine.wit is not embedded in this build.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var bytes = Encoding.UTF8.GetBytes(reader.ReadToEnd());
        return (bytes, $"\"{Convert.ToHexStringLower(SHA256.HashData(bytes))[..16]}\"");
    });

    public static IEndpointRouteBuilder MapWitEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(Route, Get).WithName("ViewsWit").WithTags("Views").AllowAnonymous().AcceptsHeader(IfNoneMatch)
            .Produces(StatusCodes.Status304NotModified).Documented(Contract);
        return endpoints;
    }

    private static Results<FileContentHttpResult, StatusCodeHttpResult> Get(HttpContext http)
    {
        var (bytes, etag) = Wit.Value;
        http.Response.Headers.ETag = etag;
        http.Response.Headers.CacheControl = "public, max-age=3600";
        return http.Request.Headers.IfNoneMatch == etag
            ? TypedResults.StatusCode(StatusCodes.Status304NotModified)
            : TypedResults.Bytes(bytes, ContentType);
    }
}
