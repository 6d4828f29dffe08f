using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Primatomic.Functions.Contract;
using Primatomic.Functions.Hosting;
using Primatomic.Tests.Infrastructure;

namespace Primatomic.Tests.Contract;

/// <summary>
/// The service publishes its own contract: every client route, with its methods, is in <c>/openapi/v1.json</c>, taken
/// from the running route table so a route added later must appear too; routes that need a token say so.
/// </summary>
public sealed class OpenApiDocumentTests : IAsyncLifetime
{
    private ApiFactory _api = null!;

    public async Task InitializeAsync() => _api = await ApiFactory.CreateAsync();

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task The_document_is_OpenAPI_3_1_served_without_a_token()
    {
        using var client = _api.CreateClient();
        using var response = await client.GetAsync(new Uri(ContractFeature.DocumentPath, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.StartsWith("3.1.", document.RootElement.GetProperty("openapi").GetString(), StringComparison.Ordinal);
        Assert.Equal("Primatomic", document.RootElement.GetProperty("info").GetProperty("title").GetString());
        Assert.Equal("bearer", document.RootElement.GetProperty("components").GetProperty("securitySchemes").GetProperty("bearer").GetProperty("scheme").GetString());
    }

    [Fact]
    public async Task Every_client_route_and_method_is_in_the_document()
    {
        var paths = (await DocumentAsync()).RootElement.GetProperty("paths");
        var missing = new List<string>();
        foreach (var (route, method) in ClientRoutes())
        {
            if (!paths.TryGetProperty(route, out var item) || !item.TryGetProperty(method.ToLowerInvariant(), out _))
            {
                missing.Add($"{method} {route}");
            }
        }

        Assert.True(missing.Count == 0, $"routes missing from {ContractFeature.DocumentPath}: {string.Join(", ", missing)}");
    }

    [Fact]
    public async Task Routes_that_need_a_token_name_the_bearer_scheme_and_sign_in_routes_do_not()
    {
        var paths = (await DocumentAsync()).RootElement.GetProperty("paths");

        Assert.True(paths.GetProperty("/logs/{name}").GetProperty("post").TryGetProperty("security", out var security));
        Assert.True(security[0].TryGetProperty("bearer", out _));
        Assert.False(paths.GetProperty("/auth/login").GetProperty("post").TryGetProperty("security", out _));
        Assert.False(paths.GetProperty("/auth/token").GetProperty("post").TryGetProperty("security", out _));
    }

    private async Task<JsonDocument> DocumentAsync()
    {
        using var client = _api.CreateClient();
        return JsonDocument.Parse(await client.GetStringAsync(new Uri(ContractFeature.DocumentPath, UriKind.Relative)));
    }

    /// <summary>Every route a client may call: not the host's probe, triggers or loopback-only operator routes, nor the document itself.</summary>
    private IEnumerable<(string Route, string Method)> ClientRoutes()
    {
        foreach (var endpoint in _api.Services.GetServices<EndpointDataSource>().SelectMany(s => s.Endpoints).OfType<RouteEndpoint>())
        {
            var route = "/" + endpoint.RoutePattern.RawText?.Trim('/');
            var hostOnly = endpoint.Metadata.Any(item => item.GetType().Name == "FunctionTrigger") || endpoint.Metadata.GetMetadata<NotAFunction>() is not null;
            if (route == "/" || route == ContractFeature.DocumentPath || hostOnly)
            {
                continue;
            }

            foreach (var method in endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [])
            {
                yield return (route, method);
            }
        }
    }
}
