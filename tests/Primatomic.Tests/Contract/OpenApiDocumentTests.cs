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
public sealed class OpenApiDocumentTests(ContractFixture fixture) : IClassFixture<ContractFixture>
{
    private ApiFactory Api => fixture.Api;

    [Fact]
    public async Task The_document_is_OpenAPI_3_1_served_without_a_token()
    {
        using var client = Api.CreateClient();
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
        foreach (var (route, method, _) in ClientEndpoints())
        {
            if (!paths.TryGetProperty(route, out var item) || !item.TryGetProperty(method.ToLowerInvariant(), out _))
            {
                missing.Add($"{method} {route}");
            }
        }

        Assert.True(missing.Count == 0, $"routes missing from {ContractFeature.DocumentPath}: {string.Join(", ", missing)}");
    }

    [Fact]
    public async Task Every_query_parameter_a_route_accepts_is_described_in_the_document()
    {
        var paths = (await DocumentAsync()).RootElement.GetProperty("paths");
        var declared = 0;
        foreach (var (route, method, endpoint) in ClientEndpoints())
        {
            var documented = paths.GetProperty(route).GetProperty(method.ToLowerInvariant()).TryGetProperty("parameters", out var list)
                ? list.EnumerateArray().Where(p => p.GetProperty("in").GetString() == "query").ToDictionary(p => p.GetProperty("name").GetString()!)
                : [];
            foreach (var parameter in endpoint.Metadata.GetMetadata<AllowedQueryParameters>()?.Parameters ?? [])
            {
                declared++;
                Assert.True(documented.TryGetValue(parameter.Name, out var entry), $"{method} {route}: query parameter {parameter.Name} is not documented");
                Assert.False(string.IsNullOrWhiteSpace(entry.GetProperty("description").GetString()), $"{method} {route}: {parameter.Name} has no description");
                Assert.Equal(parameter.IsInteger ? "integer" : "string", entry.GetProperty("schema").GetProperty("type").GetString());
            }

            Assert.Equal(endpoint.Metadata.GetMetadata<AllowedQueryParameters>()?.Parameters.Count ?? 0, documented.Count);
        }

        Assert.True(declared >= 8, $"only {declared} declared query parameters were found");
    }

    [Fact]
    public async Task Idempotency_key_is_documented_where_it_is_honoured_and_tenant_header_wherever_a_token_is_needed()
    {
        var paths = (await DocumentAsync()).RootElement.GetProperty("paths");
        string[] HeadersOf(string route, string method) => paths.GetProperty(route).GetProperty(method).TryGetProperty("parameters", out var list)
            ? [.. list.EnumerateArray().Where(p => p.GetProperty("in").GetString() == "header").Select(p => p.GetProperty("name").GetString()!)]
            : [];

        foreach (var (route, method) in new[] { ("/logs/{name}", "post"), ("/logs/{log_id}/append", "post"), ("/logs/{log_id}/append-batch", "post") })
        {
            Assert.Contains("Idempotency-Key", HeadersOf(route, method));
        }

        Assert.DoesNotContain("Idempotency-Key", HeadersOf("/logs/{log_id}/events", "get"));
        foreach (var (route, method, _) in ClientEndpoints())
        {
            var secured = paths.GetProperty(route).GetProperty(method.ToLowerInvariant()).TryGetProperty("security", out _);
            Assert.Equal(secured, HeadersOf(route, method.ToLowerInvariant()).Contains("X-Tenant-ID"));
        }
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

    private Task<JsonDocument> DocumentAsync() => Task.FromResult(JsonDocument.Parse(fixture.DocumentText));

    private IEnumerable<(string Route, string Method, RouteEndpoint Endpoint)> ClientEndpoints() => ClientRoutes.Of(Api.Services);
}
