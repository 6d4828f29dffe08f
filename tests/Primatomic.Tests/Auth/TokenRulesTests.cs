using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;
using Primatomic.Functions.Auth;
using Primatomic.Tests.Infrastructure;

namespace Primatomic.Tests.Auth;

/// <summary>
/// RFC 8725 rules on tokens signed with the service's real key (so only the rule under test can reject them): no
/// crit, numeric times, iat required and not in the future, no lifetime beyond the configured one, and a retired
/// key validates nothing issued after its retirement, even a token remembered by the validation cache.
/// </summary>
public sealed class TokenRulesTests : TenantApiTests
{
    private const int Lifetime = 3600;
    private string _subject = null!;

    protected override bool AuthorizeClient => false;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _subject = TokenForge.Payload(Owner.AccessToken).GetProperty("sub").GetString()!;
    }

    private static long Now => DateTimeOffset.UtcNow.ToUnixTimeSeconds();

    [Fact]
    public async Task A_correctly_forged_token_is_accepted_so_the_rejections_below_are_the_rules()
    {
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(Sign(Header(), Payload())));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(Sign(Header(), Payload(iat: Now + 10, exp: Now + 10 + Lifetime))));
    }

    [Theory]
    [InlineData("exp")]
    [InlineData("b64")]
    [InlineData("")]
    public async Task Token_with_a_crit_header_is_rejected(string extension)
    {
        var header = Header();
        header["crit"] = extension.Length == 0 ? Array.Empty<string>() : new[] { extension };
        await AssertRejectedAsync(Sign(header, Payload()));
    }

    [Theory]
    [InlineData("exp")]
    [InlineData("iat")]
    [InlineData("nbf")]
    public async Task Token_with_a_time_that_is_not_a_number_is_rejected(string claim)
    {
        var payload = Payload();
        payload[claim] = ((long)payload[claim]).ToString(System.Globalization.CultureInfo.InvariantCulture);
        await AssertRejectedAsync(Sign(Header(), payload));
        payload[claim] = true;
        await AssertRejectedAsync(Sign(Header(), payload));
    }

    [Fact]
    public async Task Token_without_iat_is_rejected()
    {
        var payload = Payload();
        payload.Remove("iat");
        await AssertRejectedAsync(Sign(Header(), payload));
    }

    [Fact]
    public async Task Token_issued_in_the_future_beyond_the_skew_is_rejected()
    {
        await AssertRejectedAsync(Sign(Header(), Payload(iat: Now + 120, nbf: Now, exp: Now + 600)));
    }

    [Theory]
    [InlineData(Lifetime + 120)]
    [InlineData(86_400 * 365)]
    public async Task Token_living_longer_than_the_configured_lifetime_is_rejected(long lifetime)
    {
        await AssertRejectedAsync(Sign(Header(), Payload(iat: Now - 60, exp: Now - 60 + lifetime)));
    }

    [Fact]
    public async Task Retired_key_stops_validating_tokens_issued_after_its_retirement_even_when_remembered()
    {
        // Another instance, whose clock runs two minutes behind, rotates: the key retires "two minutes ago".
        var behind = new ShiftedTimeProvider();
        behind.Advance(TimeSpan.FromMinutes(-2));
        using var other = Api.WithWebHostBuilder(builder => builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(behind)));
        using var otherClient = other.CreateClient();

        var issuedNow = Sign(Header(), Payload());
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(issuedNow)); // validated and remembered here
        var admin = await AuthHttp.LoginAsync(otherClient, ApiFactory.AdminEmail, ApiFactory.AdminPassword);
        using (var rotated = await otherClient.SendWithTokenAsync(HttpMethod.Post, "/auth/signing-keys/rotate", admin))
        {
            Assert.Equal(HttpStatusCode.OK, rotated.StatusCode);
        }

        // A token with the new kid makes this instance reload the keys and learn the retirement.
        var fresh = await AuthHttp.LoginAsync(otherClient, Owner.Email, Owner.Password);
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(fresh));

        await AssertRejectedAsync(issuedNow);
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(Sign(Header(), Payload(iat: Now - 600, exp: Now + 600))));
    }

    private Dictionary<string, object> Header() => new()
    {
        ["alg"] = "RS256", ["typ"] = "JWT", ["kid"] = TokenForge.ActiveKey(Api).KeyId,
    };

    private Dictionary<string, object> Payload(long? iat = null, long? nbf = null, long? exp = null)
    {
        var payload = TokenForge.ValidPayload(Owner.TenantId, _subject);
        payload["iat"] = iat ?? Now;
        payload["nbf"] = nbf ?? iat ?? Now;
        payload["exp"] = exp ?? Now + 600;
        return payload;
    }

    private string Sign(object header, object payload)
    {
        var key = TokenForge.ActiveKey(Api);
        return TokenForge.Raw(header, payload, input => Base64UrlEncoder.Encode(
            key.Rsa.SignData(Encoding.ASCII.GetBytes(input), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)));
    }

    private async Task<HttpStatusCode> StatusAsync(string token)
    {
        using var response = await Client.SendWithTokenAsync(HttpMethod.Get, "/logs", token);
        return response.StatusCode;
    }

    private async Task AssertRejectedAsync(string token)
    {
        using var response = await Client.SendWithTokenAsync(HttpMethod.Get, "/logs", token);
        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "UNAUTHENTICATED");
    }
}
