using Scalar.AspNetCore;

namespace Primatomic.Functions.Contract;

/// <summary>
/// <c>GET /docs</c>: the interactive reference (Scalar) over the published document. Everything it loads comes from
/// this service: Scalar's script is served from the package itself, fonts are the browser's own, and telemetry, the
/// AI agent and MCP (which would call Scalar's servers) are off. A Content-Security-Policy holds the page to that.
/// </summary>
internal static class DocsPage
{
    /// <summary>Only this service: scripts, styles, images, fonts and requests (the "try it" client calls this API).</summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
        + "font-src 'self' data:; connect-src 'self'; worker-src 'self' blob:; frame-src 'none'; frame-ancestors 'none'; object-src 'none'; base-uri 'self'";

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapScalarApiReference(ContractFeature.DocsPath, options => options
                .WithTitle("Primatomic API reference")
                .WithOpenApiRoutePattern(ContractFeature.DocumentPath)
                .DisableDefaultFonts()
                .DisableTelemetry()
                .DisableAgent()
                .DisableMcp()
                .HideDeveloperTools())
            .AllowAnonymous()
            .WithTags("Reference")
            .Add(endpoint =>
            {
                // Every route is a function (FunctionDefinitions), so each needs a name: the page, and Scalar's own files.
                if (endpoint is RouteEndpointBuilder route && !endpoint.Metadata.OfType<IEndpointNameMetadata>().Any())
                {
                    endpoint.Metadata.Add(new EndpointNameMetadata(FunctionName(route.RoutePattern.RawText ?? "")));
                }

                var inner = endpoint.RequestDelegate!;
                endpoint.RequestDelegate = context =>
                {
                    context.Response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
                    return inner(context);
                };
            });
    }

    /// <summary><c>/docs/{documentName?}</c> is <c>Docs</c>; <c>/docs/scalar.aspnetcore.js</c> is <c>DocsScalarAspnetcoreJs</c>.</summary>
    private static string FunctionName(string pattern)
    {
        var file = pattern.Trim('/')[(ContractFeature.DocsPath.Length - 1)..].Trim('/');
        return file.StartsWith('{') ? "Docs" : "Docs" + string.Concat(file.Split('.', '-').Select(part => char.ToUpperInvariant(part[0]) + part[1..]));
    }
}
