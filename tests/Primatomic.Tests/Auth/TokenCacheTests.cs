using System.Net;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Primatomic.Tests.Infrastructure;

namespace Primatomic.Tests.Auth;

/// <summary>Remembered validations must never let through what a full validation would reject.</summary>
public sealed class TokenCacheTests : TenantApiTests
{
    protected override bool AuthorizeClient => false;

    private Task<HttpResponseMessage> ListKeysAsync(string token) =>
        Client.SendWithTokenAsync(HttpMethod.Get, "/auth/keys", token);

    [Fact]
    public async Task A_token_altered_after_a_successful_use_is_still_rejected()
    {
        using (var first = await ListKeysAsync(Owner.AccessToken))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }

        var parts = Owner.AccessToken.Split('.');
        var signature = parts[2];
        var flipped = signature[..^2] + (signature[^2] == 'A' ? 'B' : 'A') + signature[^1];
        using var altered = await ListKeysAsync($"{parts[0]}.{parts[1]}.{flipped}");
        await altered.AssertProblemAsync(HttpStatusCode.Unauthorized, "UNAUTHENTICATED");

        using var again = await ListKeysAsync(Owner.AccessToken);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
    }

    [Fact]
    public async Task A_remembered_token_stops_working_when_it_expires()
    {
        // Expiry is reached by moving a clock, not by waiting. The cache reads the service's TimeProvider; IdentityModel's
        // own lifetime check reads the system clock (TokenValidationParameters.TimeProvider is not public in 8.x), so this
        // host gives it a validator with the library's rule (expiry plus skew, not-before minus skew) on the same clock.
        var clock = new ShiftedTimeProvider();
        using var api = Api.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(clock);
            services.PostConfigure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, options =>
                options.TokenValidationParameters.LifetimeValidator = (notBefore, expires, _, parameters) =>
                {
                    var now = clock.GetUtcNow().UtcDateTime;
                    return expires is { } end && now <= end + parameters.ClockSkew
                        && (notBefore is not { } start || start - parameters.ClockSkew <= now);
                });
        }));
        using var client = api.CreateClient();
        var subject = TokenForge.Payload(Owner.AccessToken).GetProperty("sub").GetString()!;
        // Expired 10 s ago: inside the 30 s clock skew for 20 s more.
        var token = TokenForge.Mint(TokenForge.ActiveKey(Api), Owner.TenantId, subject, expires: clock.GetUtcNow().UtcDateTime.AddSeconds(-10));
        using (var accepted = await client.SendWithTokenAsync(HttpMethod.Get, "/auth/keys", token))
        {
            Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        }

        clock.Advance(TimeSpan.FromSeconds(21));
        using var rejected = await client.SendWithTokenAsync(HttpMethod.Get, "/auth/keys", token);
        await rejected.AssertProblemAsync(HttpStatusCode.Unauthorized, "UNAUTHENTICATED");
    }
}
