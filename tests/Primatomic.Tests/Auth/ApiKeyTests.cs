using System.Net;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Primatomic.Tests.Infrastructure;

namespace Primatomic.Tests.Auth;

/// <summary>API keys: shown once, listed without secrets, exchanged for scoped tokens, and revocable.</summary>
public sealed class ApiKeyTests : TenantApiTests
{
    protected override bool AuthorizeClient => false;

    [Fact]
    public async Task Create_returns_201_with_the_secret_once_and_list_never_shows_it()
    {
        using var created = await CreateKeyAsync("ci", "logs:read", "logs:write");
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var key = await created.ReadJsonAsync();
        var secret = key.GetProperty("api_key").GetString()!;
        Assert.Equal("ci", key.GetProperty("name").GetString());
        Assert.Equal(["logs:read", "logs:write"], key.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()));
        Assert.True(key.TryGetProperty("created_at", out _));
        Assert.True(secret.Length >= 43, "the key must carry 256 random bits");

        using var listed = await Client.SendWithTokenAsync(HttpMethod.Get, "/auth/keys", Owner.AccessToken);
        Assert.Equal(HttpStatusCode.OK, listed.StatusCode);
        var body = await listed.Content.ReadAsStringAsync();
        Assert.DoesNotContain(secret, body, StringComparison.Ordinal);
        Assert.DoesNotContain(secret.Split('_', 4)[3], body, StringComparison.Ordinal); // the secret itself may contain '_'
        Assert.DoesNotContain("api_key", body, StringComparison.Ordinal);
        var listedKey = Assert.Single((await listed.ReadJsonAsync()).GetProperty("keys").EnumerateArray(),
            k => k.GetProperty("key_id").GetString() == key.GetProperty("key_id").GetString());
        Assert.Equal("ci", listedKey.GetProperty("name").GetString());
    }

    [Fact]
    public async Task Token_exchange_returns_a_token_limited_to_the_key_scopes_with_key_id()
    {
        var (keyId, secret) = await CreateKeyIdAndSecretAsync("reader", "logs:read");
        var token = await ExchangeAsync(secret);
        var payload = TokenForge.Payload(token);
        Assert.Equal(keyId, payload.GetProperty("key_id").GetString());
        Assert.Equal("logs:read", payload.GetProperty("scope").GetString());
        Assert.Equal(Owner.TenantId, payload.GetProperty("tenant").GetString());

        // logs:read does not include keys:manage.
        using var denied = await Client.SendWithTokenAsync(HttpMethod.Get, "/auth/keys", token);
        await denied.AssertProblemAsync(HttpStatusCode.Forbidden, "PERMISSION_DENIED");
    }

    [Fact]
    public async Task Revoked_key_cannot_be_exchanged_and_its_earlier_token_is_rejected()
    {
        var (keyId, secret) = await CreateKeyIdAndSecretAsync("admin-tool", "keys:manage");
        var earlier = await ExchangeAsync(secret);
        using var before = await Client.SendWithTokenAsync(HttpMethod.Get, "/auth/keys", earlier);
        Assert.Equal(HttpStatusCode.OK, before.StatusCode);

        using var revoked = await Client.SendWithTokenAsync(HttpMethod.Delete, $"/auth/keys/{keyId}", Owner.AccessToken);
        Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);

        using var exchange = await Client.PostJsonAsync("/auth/token", new { api_key = secret });
        await exchange.AssertProblemAsync(HttpStatusCode.Unauthorized, "UNAUTHENTICATED");
        using var after = await Client.SendWithTokenAsync(HttpMethod.Get, "/auth/keys", earlier);
        await after.AssertProblemAsync(HttpStatusCode.Unauthorized, "UNAUTHENTICATED");
    }

    [Fact]
    public async Task Key_revoked_on_another_instance_stops_working_here_once_the_cache_entry_expires()
    {
        var clock = new ShiftedTimeProvider();
        using var other = Api.WithWebHostBuilder(builder =>
            builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(clock)));
        using var otherClient = other.CreateClient();
        var (keyId, secret) = await CreateKeyIdAndSecretAsync("cached", "keys:manage");
        var token = await ExchangeAsync(secret);
        using var before = await otherClient.SendWithTokenAsync(HttpMethod.Get, "/auth/keys", token);
        Assert.Equal(HttpStatusCode.OK, before.StatusCode);

        using var revoked = await Client.SendWithTokenAsync(HttpMethod.Delete, $"/auth/keys/{keyId}", Owner.AccessToken);
        Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        clock.Advance(TimeSpan.FromSeconds(11));
        using var after = await otherClient.SendWithTokenAsync(HttpMethod.Get, "/auth/keys", token);
        await after.AssertProblemAsync(HttpStatusCode.Unauthorized, "UNAUTHENTICATED");
    }

    [Fact]
    public async Task Revoking_an_unknown_key_returns_404()
    {
        using var unknown = await Client.SendWithTokenAsync(HttpMethod.Delete, $"/auth/keys/{Guid.NewGuid():N}", Owner.AccessToken);
        await unknown.AssertProblemAsync(HttpStatusCode.NotFound, "NOT_FOUND");
        using var malformed = await Client.SendWithTokenAsync(HttpMethod.Delete, "/auth/keys/not-a-key", Owner.AccessToken);
        await malformed.AssertProblemAsync(HttpStatusCode.NotFound, "NOT_FOUND");
    }

    [Fact]
    public async Task Another_tenant_cannot_see_or_revoke_a_key()
    {
        var (keyId, _) = await CreateKeyIdAndSecretAsync("private", "logs:read");
        using var otherClient = Api.CreateClient();
        var other = await TestTenant.RegisterAsync(otherClient);
        using var listed = await Client.SendWithTokenAsync(HttpMethod.Get, "/auth/keys", other.AccessToken);
        Assert.Empty((await listed.ReadJsonAsync()).GetProperty("keys").EnumerateArray());
        using var revoke = await Client.SendWithTokenAsync(HttpMethod.Delete, $"/auth/keys/{keyId}", other.AccessToken);
        await revoke.AssertProblemAsync(HttpStatusCode.NotFound, "NOT_FOUND");
    }

    [Theory]
    [InlineData("{\"name\":\"x\",\"scopes\":[\"logs:delete\"]}")]
    [InlineData("{\"name\":\"x\",\"scopes\":[]}")]
    [InlineData("{\"name\":\"\",\"scopes\":[\"logs:read\"]}")]
    [InlineData("{\"scopes\":[\"logs:read\"]}")]
    [InlineData("{\"name\":\"x\",\"scopes\":\"logs:read\"}")]
    [InlineData("{\"name\":")]
    public async Task Create_with_invalid_body_returns_400_VALIDATION_ERROR(string json)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, AuthHttp.Path("/auth/keys")).WithBearer(Owner.AccessToken);
        request.Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
        using var response = await Client.SendAsync(request);
        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
    }

    [Theory]
    [InlineData("pk_nonsense")]
    [InlineData("pk_00000000000000000000000000000000_00000000000000000000000000000000_secret")]
    [InlineData("x")]
    public async Task Exchanging_an_invalid_key_returns_401(string apiKey)
    {
        using var response = await Client.PostJsonAsync("/auth/token", new { api_key = apiKey });
        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "UNAUTHENTICATED");
    }

    [Fact]
    public async Task Exchanging_a_key_with_a_wrong_secret_returns_401()
    {
        var (_, secret) = await CreateKeyIdAndSecretAsync("tamper", "logs:read");
        var wrong = secret[..^4] + (secret.EndsWith("AAAA", StringComparison.Ordinal) ? "BBBB" : "AAAA");
        using var response = await Client.PostJsonAsync("/auth/token", new { api_key = wrong });
        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "UNAUTHENTICATED");
    }

    private Task<HttpResponseMessage> CreateKeyAsync(string name, params string[] scopes) =>
        Client.SendWithTokenAsync(HttpMethod.Post, "/auth/keys", Owner.AccessToken, new { name, scopes });

    private async Task<(string KeyId, string Secret)> CreateKeyIdAndSecretAsync(string name, params string[] scopes)
    {
        using var created = await CreateKeyAsync(name, scopes);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var key = await created.ReadJsonAsync();
        return (key.GetProperty("key_id").GetString()!, key.GetProperty("api_key").GetString()!);
    }

    private async Task<string> ExchangeAsync(string apiKey)
    {
        using var response = await Client.PostJsonAsync("/auth/token", new { api_key = apiKey });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var token = await response.ReadJsonAsync();
        Assert.Equal("Bearer", token.GetProperty("token_type").GetString());
        Assert.Equal(3600, token.GetProperty("expires_in").GetInt32());
        return token.GetProperty("access_token").GetString()!;
    }
}
