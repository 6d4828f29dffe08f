using System.Net;
using System.Text.Json;
using Primatomic.Tests.Infrastructure;

namespace Primatomic.Tests.Hosting;

public sealed class RateLimitingTests : IAsyncLifetime
{
    private ApiFactory _api = null!;

    public async Task InitializeAsync() => _api = await ApiFactory.CreateAsync(new Dictionary<string, string?>
    {
        ["RATE_LIMIT_RPS"] = "1",
        ["RATE_LIMIT_WINDOW_SECS"] = "3",
        ["CLIENT_IP_HEADER"] = "client-ip",
    });

    public async Task DisposeAsync() => await _api.DisposeAsync();

    private async Task<HttpResponseMessage> SendAsync(string clientIp, string? forwardedFor = null)
    {
        using var client = _api.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/no-such-route");
        request.Headers.Add("client-ip", clientIp);
        if (forwardedFor is not null)
        {
            request.Headers.Add("X-Forwarded-For", forwardedFor);
        }

        return await client.SendAsync(request);
    }

    [Fact]
    public async Task Client_over_its_bucket_gets_429_RATE_LIMITED_with_Retry_After()
    {
        for (var i = 0; i < 3; i++)
        {
            using var allowed = await SendAsync("203.0.113.7:50000");
            Assert.Equal(HttpStatusCode.NotFound, allowed.StatusCode);
        }

        using var limited = await SendAsync("203.0.113.7:50001");
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.True(limited.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));
        using var problem = JsonDocument.Parse(await limited.Content.ReadAsStringAsync());
        Assert.Equal("RATE_LIMITED", problem.RootElement.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Buckets_are_per_trusted_client_ip_and_a_spoofed_forwarded_for_does_not_escape_them()
    {
        for (var i = 0; i < 3; i++)
        {
            using var allowed = await SendAsync("198.51.100.1", forwardedFor: $"10.0.0.{i}");
            Assert.Equal(HttpStatusCode.NotFound, allowed.StatusCode);
        }

        using var spoofed = await SendAsync("198.51.100.1", forwardedFor: "10.9.9.9");
        Assert.Equal(HttpStatusCode.TooManyRequests, spoofed.StatusCode);

        using var otherClient = await SendAsync("198.51.100.2");
        Assert.Equal(HttpStatusCode.NotFound, otherClient.StatusCode);
    }

    [Fact]
    public async Task Readiness_probe_is_never_rate_limited()
    {
        using var client = _api.CreateClient();
        for (var i = 0; i < 10; i++)
        {
            using var response = await client.GetAsync(new Uri("/", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }
}
