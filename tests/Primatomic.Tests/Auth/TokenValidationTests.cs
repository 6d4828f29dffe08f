using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.Tokens;
using Primatomic.Tests.Infrastructure;

namespace Primatomic.Tests.Auth;

/// <summary>Acceptance 4: every kind of bad token is a 401 UNAUTHENTICATED problem with WWW-Authenticate: Bearer.</summary>
public sealed class TokenValidationTests : IAsyncLifetime
{
    private ApiFactory _api = null!;
    private HttpClient _client = null!;
    private TestTenant _tenant = null!;
    private string _subject = null!;

    public async Task InitializeAsync()
    {
        _api = await ApiFactory.CreateAsync();
        _client = _api.CreateClient();
        _tenant = await TestTenant.RegisterAsync(_client);
        _subject = TokenForge.Payload(_tenant.AccessToken).GetProperty("sub").GetString()!;
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _api.DisposeAsync();
    }

    [Fact]
    public async Task Issued_token_is_RS256_with_kid_and_all_documented_claims()
    {
        var header = TokenForge.Header(_tenant.AccessToken);
        var payload = TokenForge.Payload(_tenant.AccessToken);
        Assert.Equal("RS256", header.GetProperty("alg").GetString());
        Assert.Equal(TokenForge.ActiveKey(_api).KeyId, header.GetProperty("kid").GetString());
        foreach (var claim in new[] { "iss", "aud", "sub", "tenant", "role", "scope", "iat", "nbf", "exp", "jti" })
        {
            Assert.True(payload.TryGetProperty(claim, out _), $"missing claim {claim}");
        }

        Assert.Equal(_tenant.TenantId, payload.GetProperty("tenant").GetString());
        Assert.Equal("owner", payload.GetProperty("role").GetString());
        Assert.Equal("logs:read logs:write views:deploy views:query keys:manage", payload.GetProperty("scope").GetString());
        Assert.Equal(3600, payload.GetProperty("exp").GetInt64() - payload.GetProperty("iat").GetInt64());
    }

    [Fact]
    public async Task Jwks_serves_the_public_key_of_the_token_kid_without_private_parts()
    {
        using var response = await _client.GetAsync(AuthHttp.Path("/.well-known/jwks.json"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var key = Assert.Single((await response.ReadJsonAsync()).GetProperty("keys").EnumerateArray());
        Assert.Equal(TokenForge.Header(_tenant.AccessToken).GetProperty("kid").GetString(), key.GetProperty("kid").GetString());
        Assert.Equal("RSA", key.GetProperty("kty").GetString());
        Assert.Equal("RS256", key.GetProperty("alg").GetString());
        Assert.True(Base64UrlEncoder.DecodeBytes(key.GetProperty("n").GetString()!).Length >= 256, "RSA key below 2048 bits");
        Assert.False(key.TryGetProperty("d", out _));
        Assert.False(key.TryGetProperty("p", out _));
    }

    [Fact]
    public async Task Missing_token_returns_401_UNAUTHENTICATED_with_WWW_Authenticate_Bearer()
    {
        using var response = await _client.GetAsync(AuthHttp.Path("/auth/keys"));
        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "UNAUTHENTICATED");
        Assert.StartsWith("Bearer", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not.a.jwt")]
    [InlineData("ew.ew.ew")]
    [InlineData("e30.e30.")]
    [InlineData("eyJhbGciOiJSUzI1NiIsImtpZCI6IngifQ.e30.e30")]
    public async Task Garbage_token_returns_401(string token)
    {
        await AssertRejectedAsync(token);
    }

    [Fact]
    public async Task Expired_token_signed_with_the_real_key_returns_401()
    {
        var expired = TokenForge.Mint(TokenForge.ActiveKey(_api), _tenant.TenantId, _subject, expires: DateTime.UtcNow.AddMinutes(-2));
        await AssertRejectedAsync(expired);
    }

    [Fact]
    public async Task Token_minted_with_the_real_key_and_valid_claims_is_accepted()
    {
        // The control for the forgeries below: only the part each of them bends is wrong.
        var valid = TokenForge.Mint(TokenForge.ActiveKey(_api), _tenant.TenantId, _subject);
        using var response = await _client.SendWithTokenAsync(HttpMethod.Get, "/auth/keys", valid);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Tampered_payload_returns_401()
    {
        var parts = _tenant.AccessToken.Split('.');
        var payload = TokenForge.ValidPayload(_tenant.TenantId, _subject, role: "admin");
        await AssertRejectedAsync($"{parts[0]}.{TokenForge.Encode(payload)}.{parts[2]}");
    }

    [Fact]
    public async Task Alg_none_token_returns_401()
    {
        var kid = TokenForge.ActiveKey(_api).KeyId;
        var token = TokenForge.Raw(new { alg = "none", typ = "JWT", kid }, TokenForge.ValidPayload(_tenant.TenantId, _subject), _ => "");
        await AssertRejectedAsync(token);
    }

    [Fact]
    public async Task HS256_token_signed_with_the_public_key_bytes_returns_401()
    {
        var key = TokenForge.ActiveKey(_api);
        var publicPem = Encoding.ASCII.GetBytes(key.Rsa.ExportSubjectPublicKeyInfoPem());
        var token = TokenForge.Raw(new { alg = "HS256", typ = "JWT", kid = key.KeyId }, TokenForge.ValidPayload(_tenant.TenantId, _subject),
            input => TokenForge.HmacSha256(publicPem, input));
        await AssertRejectedAsync(token);
    }

    [Fact]
    public async Task Wrong_audience_returns_401()
    {
        await AssertRejectedAsync(TokenForge.Mint(TokenForge.ActiveKey(_api), _tenant.TenantId, _subject, audience: "someone-else"));
    }

    [Fact]
    public async Task Wrong_issuer_returns_401()
    {
        await AssertRejectedAsync(TokenForge.Mint(TokenForge.ActiveKey(_api), _tenant.TenantId, _subject, issuer: "evil-issuer"));
    }

    [Fact]
    public async Task Token_signed_by_an_unknown_key_returns_401()
    {
        using var rsa = RSA.Create(2048);
        var foreign = new RsaSecurityKey(rsa) { KeyId = TokenForge.ActiveKey(_api).KeyId };
        await AssertRejectedAsync(TokenForge.Mint(foreign, _tenant.TenantId, _subject));
    }

    [Fact]
    public async Task Valid_token_without_the_required_scope_returns_403_PERMISSION_DENIED()
    {
        var readOnly = TokenForge.Mint(TokenForge.ActiveKey(_api), _tenant.TenantId, _subject, scope: "logs:read");
        using var response = await _client.SendWithTokenAsync(HttpMethod.Get, "/auth/keys", readOnly);
        await response.AssertProblemAsync(HttpStatusCode.Forbidden, "PERMISSION_DENIED");
    }

    private async Task AssertRejectedAsync(string token)
    {
        using var response = await _client.SendWithTokenAsync(HttpMethod.Get, "/auth/keys", token);
        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "UNAUTHENTICATED");
        Assert.StartsWith("Bearer", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }
}
