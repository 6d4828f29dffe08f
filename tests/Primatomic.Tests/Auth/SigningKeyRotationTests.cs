using System.Net;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Primatomic.Functions.Auth;
using Primatomic.Tests.Infrastructure;

namespace Primatomic.Tests.Auth;

/// <summary>Rotation adds a new signing key while tokens of the old one keep working until they expire.</summary>
public sealed class SigningKeyRotationTests : IAsyncLifetime
{
    private ApiFactory _api = null!;
    private HttpClient _client = null!;
    private string _adminToken = null!;

    public async Task InitializeAsync()
    {
        _api = await ApiFactory.CreateAsync();
        _client = _api.CreateClient();
        _adminToken = await AuthHttp.LoginAsync(_client, ApiFactory.AdminEmail, ApiFactory.AdminPassword);
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _api.DisposeAsync();
    }

    [Fact]
    public async Task Rotation_keeps_old_tokens_valid_and_new_tokens_use_the_new_kid()
    {
        var owner = await TestTenant.RegisterAsync(_client);
        var oldKid = TokenForge.Header(owner.AccessToken).GetProperty("kid").GetString();

        using var rotated = await _client.SendWithTokenAsync(HttpMethod.Post, "/auth/signing-keys/rotate", _adminToken);
        Assert.Equal(HttpStatusCode.OK, rotated.StatusCode);
        var newKid = (await rotated.ReadJsonAsync()).GetProperty("kid").GetString();
        Assert.NotEqual(oldKid, newKid);

        using var oldTokenStillWorks = await _client.SendWithTokenAsync(HttpMethod.Get, "/auth/keys", owner.AccessToken);
        Assert.Equal(HttpStatusCode.OK, oldTokenStillWorks.StatusCode);

        var fresh = await AuthHttp.LoginAsync(_client, owner.Email, owner.Password);
        Assert.Equal(newKid, TokenForge.Header(fresh).GetProperty("kid").GetString());
        using var freshWorks = await _client.SendWithTokenAsync(HttpMethod.Get, "/auth/keys", fresh);
        Assert.Equal(HttpStatusCode.OK, freshWorks.StatusCode);

        var kids = await JwksKidsAsync(_client);
        Assert.Contains(oldKid, kids);
        Assert.Contains(newKid, kids);
    }

    [Fact]
    public async Task Owner_cannot_rotate_signing_keys()
    {
        var owner = await TestTenant.RegisterAsync(_client);
        using var response = await _client.SendWithTokenAsync(HttpMethod.Post, "/auth/signing-keys/rotate", owner.AccessToken);
        await response.AssertProblemAsync(HttpStatusCode.Forbidden, "PERMISSION_DENIED");
    }

    [Fact]
    public async Task Second_instance_shares_the_first_key_and_learns_a_rotation_from_an_unknown_kid()
    {
        // A second service over the same storage: it must adopt the existing key (and admin), not create its own.
        await using var second = new ApiFactory(_api.Azurite, new Dictionary<string, string?> { ["STORAGE_NAME_PREFIX"] = _api.StoragePrefix });
        using var secondClient = second.CreateClient();
        Assert.Equal(await JwksKidsAsync(_client), await JwksKidsAsync(secondClient));
        var secondAdminToken = await AuthHttp.LoginAsync(secondClient, ApiFactory.AdminEmail, ApiFactory.AdminPassword);

        using var rotated = await _client.SendWithTokenAsync(HttpMethod.Post, "/auth/signing-keys/rotate", _adminToken);
        Assert.Equal(HttpStatusCode.OK, rotated.StatusCode);
        var owner = await TestTenant.RegisterAsync(_client);

        // The second instance has not refreshed yet; the unknown kid makes it re-read the key document.
        using var accepted = await secondClient.SendWithTokenAsync(HttpMethod.Get, "/auth/keys", owner.AccessToken);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        using var stillAdmin = await secondClient.SendWithTokenAsync(HttpMethod.Get, "/auth/keys", secondAdminToken);
        Assert.Equal(HttpStatusCode.OK, stillAdmin.StatusCode);
    }

    [Fact]
    public async Task Retired_key_leaves_jwks_once_its_tokens_have_expired()
    {
        var clock = new ShiftedTimeProvider();
        await using var shifted = new ApiFactory(_api.Azurite, new Dictionary<string, string?> { ["ACCESS_TOKEN_LIFETIME_SECS"] = "60" });
        using var api = shifted.WithWebHostBuilder(builder =>
            builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(clock)));
        using var client = api.CreateClient();
        var admin = await AuthHttp.LoginAsync(client, ApiFactory.AdminEmail, ApiFactory.AdminPassword);
        var oldKid = TokenForge.Header(admin).GetProperty("kid").GetString();
        using var rotated = await client.SendWithTokenAsync(HttpMethod.Post, "/auth/signing-keys/rotate", admin);
        Assert.Equal(HttpStatusCode.OK, rotated.StatusCode);

        // Retention = lifetime 60 s + skew 30 s + refresh interval 60 s.
        clock.Advance(TimeSpan.FromSeconds(60 + 30 + 60 - 5));
        Assert.Contains(oldKid, await JwksKidsAsync(client));
        clock.Advance(TimeSpan.FromSeconds(10));
        Assert.DoesNotContain(oldKid, await JwksKidsAsync(client));

        // Past its retention the old key no longer validates anything, even a token not yet expired by the real clock.
        using var rejected = await client.SendWithTokenAsync(HttpMethod.Get, "/auth/keys", admin);
        await rejected.AssertProblemAsync(HttpStatusCode.Unauthorized, "UNAUTHENTICATED");
        Assert.Single(api.Services.GetRequiredService<SigningKeyStore>().ValidationKeys);
    }

    private static async Task<List<string?>> JwksKidsAsync(HttpClient client)
    {
        using var response = await client.GetAsync(AuthHttp.Path("/.well-known/jwks.json"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.ReadJsonAsync()).GetProperty("keys").EnumerateArray()
            .Select(key => key.GetProperty("kid").GetString()).Order().ToList();
    }
}
