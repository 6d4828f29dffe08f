using System.Net;
using Primatomic.Tests.Infrastructure;

namespace Primatomic.Tests.Hosting;

/// <summary>
/// Browser apps on listed origins may call the API: preflights are answered, every answer (problems included) carries
/// one set of CORS headers, and unlisted origins get none.
/// </summary>
public sealed class CrossOriginTests(CrossOriginTests.Service service) : IClassFixture<CrossOriginTests.Service>
{
    private const string Allowed = "https://app.example.test";
    private const string AlsoAllowed = "http://localhost:5173";
    private ApiFactory Api => service.Api;

    /// <summary>One service for the class, with two allowed origins.</summary>
    public sealed class Service : IAsyncLifetime
    {
        public ApiFactory Api { get; private set; } = null!;

        public async Task InitializeAsync() => Api = await ApiFactory.CreateAsync(new Dictionary<string, string?>
        {
            ["CORS_ALLOWED_ORIGINS"] = $"{Allowed}, {AlsoAllowed}",
        });

        public async Task DisposeAsync() => await Api.DisposeAsync();
    }

    [Theory]
    [InlineData(Allowed, "POST", "/logs/some-log/append")]
    [InlineData(AlsoAllowed, "DELETE", "/logs/some-log/views/counter")]
    [InlineData(Allowed, "GET", "/logs")]
    public async Task Preflight_from_a_listed_origin_is_answered_with_the_methods_and_headers_clients_send(
        string origin, string method, string path)
    {
        using var response = await PreflightAsync(origin, method, path, "authorization, content-type, idempotency-key, x-tenant-id");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(origin, Assert.Single(response.Headers.GetValues("Access-Control-Allow-Origin")));
        Assert.Contains(method, Header(response, "Access-Control-Allow-Methods"), StringComparison.Ordinal);
        var headers = Header(response, "Access-Control-Allow-Headers").ToLowerInvariant();
        foreach (var header in new[] { "authorization", "content-type", "idempotency-key", "x-tenant-id" })
        {
            Assert.Contains(header, headers, StringComparison.Ordinal);
        }

        Assert.Equal("600", Header(response, "Access-Control-Max-Age"));
        Assert.False(response.Headers.Contains("Access-Control-Allow-Credentials"));
    }

    [Fact]
    public async Task Preflight_from_an_unlisted_origin_gets_no_cors_headers()
    {
        using var response = await PreflightAsync("https://evil.example.test", "POST", "/logs/x/append", "authorization");
        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
        Assert.False(response.Headers.Contains("Access-Control-Allow-Methods"));
    }

    [Fact]
    public async Task Problems_carry_one_set_of_cors_headers_so_a_page_can_read_their_code()
    {
        using var client = Api.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/logs");
        request.Headers.Add("Origin", Allowed);
        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(Allowed, Assert.Single(response.Headers.GetValues("Access-Control-Allow-Origin")));
        Assert.Contains("Retry-After", Header(response, "Access-Control-Expose-Headers"), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("\"code\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_listed_origin_can_call_the_api_with_a_token()
    {
        using var client = Api.CreateClient();
        var tenant = await TestTenant.RegisterAsync(client);
        tenant.Authorize(client);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/logs");
        request.Headers.Add("Origin", AlsoAllowed);
        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(AlsoAllowed, Assert.Single(response.Headers.GetValues("Access-Control-Allow-Origin")));
    }

    private async Task<HttpResponseMessage> PreflightAsync(string origin, string method, string path, string headers)
    {
        using var client = Api.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Options, path);
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", method);
        request.Headers.Add("Access-Control-Request-Headers", headers);
        return await client.SendAsync(request);
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : "";
}
