using System.Net;
using Primatomic.Tests.Infrastructure;

namespace Primatomic.Tests.Hosting;

/// <summary>With CORS_ALLOWED_ORIGINS unset no origin is allowed: a preflight gets no CORS headers at all.</summary>
public sealed class NoCrossOriginByDefaultTests : IAsyncLifetime
{
    private ApiFactory _api = null!;

    public async Task InitializeAsync() => _api = await ApiFactory.CreateAsync();

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task Without_allowed_origins_no_response_carries_cors_headers()
    {
        using var client = _api.CreateClient();
        using var preflight = new HttpRequestMessage(HttpMethod.Options, "/logs");
        preflight.Headers.Add("Origin", "https://app.example.test");
        preflight.Headers.Add("Access-Control-Request-Method", "GET");
        using var answer = await client.SendAsync(preflight);

        Assert.NotEqual(HttpStatusCode.NoContent, answer.StatusCode);
        Assert.False(answer.Headers.Contains("Access-Control-Allow-Origin"));
        Assert.Contains("\"code\"", await answer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
