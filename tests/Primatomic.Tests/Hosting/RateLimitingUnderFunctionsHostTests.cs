using System.Net;
using Primatomic.Tests.Infrastructure;

namespace Primatomic.Tests.Hosting;

/// <summary>Behind the Functions host every request comes from loopback; buckets must follow the platform's client-ip.</summary>
public sealed class RateLimitingUnderFunctionsHostTests : IAsyncLifetime
{
    private ApiFactory _api = null!;

    public async Task InitializeAsync() => _api = await ApiFactory.CreateAsync(new Dictionary<string, string?>
    {
        ["FUNCTIONS_CUSTOMHANDLER_PORT"] = "7999",
        ["RATE_LIMIT_RPS"] = "1",
        ["RATE_LIMIT_WINDOW_SECS"] = "2",
    });

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task Under_the_host_the_client_ip_header_separates_clients_by_default()
    {
        using var client = _api.CreateClient();
        async Task<HttpStatusCode> SendAsync(string ip)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/no-such-route");
            request.Headers.Add("client-ip", ip);
            using var response = await client.SendAsync(request);
            return response.StatusCode;
        }

        Assert.Equal(HttpStatusCode.NotFound, await SendAsync("192.0.2.10:1000"));
        Assert.Equal(HttpStatusCode.NotFound, await SendAsync("192.0.2.10:1001"));
        Assert.Equal(HttpStatusCode.TooManyRequests, await SendAsync("192.0.2.10:1002"));
        Assert.Equal(HttpStatusCode.NotFound, await SendAsync("192.0.2.11:1000"));
    }
}
