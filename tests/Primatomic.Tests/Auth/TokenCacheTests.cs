using System.Net;
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
        var subject = TokenForge.Payload(Owner.AccessToken).GetProperty("sub").GetString()!;
        // Expired 26 s ago: still inside the 30 s clock skew for about 4 more seconds.
        var token = TokenForge.Mint(TokenForge.ActiveKey(Api), Owner.TenantId, subject, expires: DateTime.UtcNow.AddSeconds(-26));
        using (var accepted = await ListKeysAsync(token))
        {
            Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        }

        await Task.Delay(TimeSpan.FromSeconds(6));
        using var rejected = await ListKeysAsync(token);
        await rejected.AssertProblemAsync(HttpStatusCode.Unauthorized, "UNAUTHENTICATED");
    }
}
