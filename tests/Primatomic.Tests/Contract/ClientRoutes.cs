using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Primatomic.Functions.Contract;
using Primatomic.Functions.Hosting;
using Primatomic.Functions.WebConsole;

namespace Primatomic.Tests.Contract;

/// <summary>Every route a client may call, from the running route table (so a route added later is included).</summary>
public static class ClientRoutes
{
    /// <summary>Not the host's probe, triggers or loopback-only operator routes, nor the document, the reference page and the console's pages.</summary>
    public static IEnumerable<(string Route, string Method, RouteEndpoint Endpoint)> Of(IServiceProvider services)
    {
        foreach (var endpoint in services.GetServices<EndpointDataSource>().SelectMany(s => s.Endpoints).OfType<RouteEndpoint>())
        {
            var route = "/" + endpoint.RoutePattern.RawText?.Trim('/');
            var hostOnly = endpoint.Metadata.Any(item => item.GetType().Name == "FunctionTrigger") || endpoint.Metadata.GetMetadata<NotAFunction>() is not null;
            var reference = route == ContractFeature.DocumentPath || route.StartsWith(ContractFeature.DocsPath + "/", StringComparison.Ordinal) ||
                route == ConsoleFeature.PagePath || route.StartsWith(ConsoleFeature.PagePath + "/", StringComparison.Ordinal);
            if (route == "/" || reference || hostOnly)
            {
                continue;
            }

            foreach (var method in endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [])
            {
                yield return (route, method, endpoint);
            }
        }
    }
}
