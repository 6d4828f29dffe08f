using System.Net;
using System.Net.Http.Json;
using Primatomic.Tests.Infrastructure;

namespace Primatomic.Tests.Hosting;

/// <summary>
/// The per-tenant bucket holds whatever addresses a tenant's callers use, and leaves other tenants alone; creating a
/// user (which hashes a password) is in the strict per-IP credential bucket.
/// </summary>
public sealed class TenantRateLimitingTests : IAsyncLifetime
{
    private const int Burst = 5;
    private const int AuthPerMinute = 3;
    private ApiFactory _api = null!;

    public async Task InitializeAsync() => _api = await ApiFactory.CreateAsync(new Dictionary<string, string?>
    {
        ["TENANT_RATE_LIMIT_RPS"] = "1",
        ["TENANT_RATE_LIMIT_BURST"] = Burst.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["AUTH_RATE_LIMIT_PER_MINUTE"] = AuthPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["CLIENT_IP_HEADER"] = "client-ip",
    });

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task One_tenant_over_its_bucket_from_many_addresses_gets_429_and_another_tenant_does_not()
    {
        var busy = await RegisterAsync();
        var quiet = await RegisterAsync();
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? limited = null;
        for (var i = 0; i < 3 * Burst; i++)
        {
            var response = await SendAsync(HttpMethod.Get, "/logs", busy.AccessToken, $"203.0.113.{i + 1}");
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                limited ??= response;
                continue;
            }

            response.Dispose();
        }

        Assert.NotNull(limited);
        Assert.True(statuses.Count(s => s == HttpStatusCode.OK) <= Burst + 2, string.Join(",", statuses));
        Assert.True(limited.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));
        await limited.AssertProblemAsync(HttpStatusCode.TooManyRequests, "RATE_LIMITED");
        limited.Dispose();

        using var other = await SendAsync(HttpMethod.Get, "/logs", quiet.AccessToken, "203.0.113.1");
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    [Fact]
    public async Task Creating_users_is_in_the_strict_per_IP_credential_bucket()
    {
        var owner = await RegisterAsync();
        const string Address = "198.51.100.77";
        for (var i = 0; i < AuthPerMinute; i++)
        {
            using var created = await CreateUserAsync(owner, Address);
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        using var limited = await CreateUserAsync(owner, Address);
        await limited.AssertProblemAsync(HttpStatusCode.TooManyRequests, "RATE_LIMITED");
        Assert.NotNull(limited.Headers.RetryAfter);

        // The tenant's own bucket still has room: the limit above is the address's credential bucket.
        using var elsewhere = await CreateUserAsync(owner, "198.51.100.78");
        Assert.Equal(HttpStatusCode.Created, elsewhere.StatusCode);
    }

    private Task<HttpResponseMessage> CreateUserAsync(TestTenant owner, string address)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/auth/users", UriKind.Relative))
        {
            Content = JsonContent.Create(new { email = $"user-{Guid.NewGuid():N}@tenant.test", password = "user-password-123", role = "member" }),
        };
        return SendAsync(request, owner.AccessToken, address);
    }

    private async Task<TestTenant> RegisterAsync()
    {
        // Each registration from its own address, so the credential bucket never limits the set-up.
        using var client = _api.CreateClient();
        client.DefaultRequestHeaders.Add("client-ip", $"192.0.2.{Random.Shared.Next(1, 255)}:{Random.Shared.Next(1024, 65535)}");
        return await TestTenant.RegisterAsync(client);
    }

    private Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string token, string address) =>
        SendAsync(new HttpRequestMessage(method, new Uri(path, UriKind.Relative)), token, address);

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, string token, string address)
    {
        using var client = _api.CreateClient();
        using (request)
        {
            request.Headers.Authorization = new("Bearer", token);
            request.Headers.Add("client-ip", address);
            return await client.SendAsync(request);
        }
    }
}
