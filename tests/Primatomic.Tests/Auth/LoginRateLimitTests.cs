using System.Net;
using Primatomic.Tests.Infrastructure;

namespace Primatomic.Tests.Auth;

public sealed class LoginRateLimitTests : IAsyncLifetime
{
    private const int Limit = 3;
    private ApiFactory _api = null!;

    public async Task InitializeAsync() =>
        _api = await ApiFactory.CreateAsync(new Dictionary<string, string?> { ["AUTH_RATE_LIMIT_PER_MINUTE"] = $"{Limit}" });

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task Brute_force_login_is_throttled_with_429_RATE_LIMITED_and_Retry_After()
    {
        using var client = _api.CreateClient();
        for (var attempt = 0; attempt < Limit; attempt++)
        {
            using var wrong = await client.PostJsonAsync("/auth/login", new { email = ApiFactory.AdminEmail, password = $"guess number {attempt}" });
            await wrong.AssertProblemAsync(HttpStatusCode.Unauthorized, "UNAUTHENTICATED");
        }

        using var throttled = await client.PostJsonAsync("/auth/login", new { email = ApiFactory.AdminEmail, password = ApiFactory.AdminPassword });
        await throttled.AssertProblemAsync(HttpStatusCode.TooManyRequests, "RATE_LIMITED");
        Assert.True(throttled.Headers.RetryAfter?.Delta > TimeSpan.Zero, "Retry-After must be set");

        // The same bucket guards token exchange and sign-up, however the path is spelled.
        using var exchange = await client.PostJsonAsync("/auth/token", new { api_key = "pk_x" });
        await exchange.AssertProblemAsync(HttpStatusCode.TooManyRequests, "RATE_LIMITED");
        using var register = await client.PostJsonAsync("/auth/register", new { email = "someone@example.com", password = "long-enough-password" });
        await register.AssertProblemAsync(HttpStatusCode.TooManyRequests, "RATE_LIMITED");
        foreach (var path in new[] { "/auth/login/", "/AUTH/LOGIN", "/auth/token/" })
        {
            using var variant = await client.PostJsonAsync(path, new { email = ApiFactory.AdminEmail, password = "another guess" });
            await variant.AssertProblemAsync(HttpStatusCode.TooManyRequests, "RATE_LIMITED");
        }
    }
}
