using Primatomic.Client;

namespace Primatomic.Tests.Clients.CSharp;

/// <summary>The C# client's auth methods against the real service: register, login, token exchange, keys and users.</summary>
[Collection(SharesOneService.Name)]
[Trait("Category", "EndToEnd")]
public sealed class AuthClientTests(ClientService service)
{
    [Fact]
    public async Task Register_login_and_api_key_exchange_give_working_tokens()
    {
        using var anonymous = service.Client();
        var email = $"new-{Guid.NewGuid():N}@client.test";
        var registration = await anonymous.Auth.RegisterAsync(email, "correct-horse-battery");
        var login = await anonymous.Auth.LoginAsync(email, "correct-horse-battery");
        var exchanged = await anonymous.Auth.ExchangeApiKeyAsync(service.ApiKey);

        Assert.False(string.IsNullOrEmpty(registration.TenantId));
        Assert.Equal(("Bearer", 60), (login.TokenType, login.ExpiresIn));
        using var withToken = service.Client(options => options.AccessToken = exchanged.AccessToken);
        Assert.NotNull(await withToken.Logs.ListAsync());
        using var jwks = await anonymous.Auth.GetJwksAsync();
        Assert.NotEqual(0, jwks.RootElement.GetProperty("keys").GetArrayLength());
    }

    [Fact]
    public async Task Api_keys_are_created_listed_read_and_revoked()
    {
        using var owner = service.Client(options => { options.Email = service.Email; options.Password = service.Password; });
        var created = await owner.Auth.CreateApiKeyAsync("reader", [Scopes.LogsRead]);

        Assert.StartsWith("pk_", created.ApiKey, StringComparison.Ordinal);
        Assert.Contains(await owner.Auth.ListApiKeysAsync(), key => key.KeyId == created.KeyId);
        var read = await owner.Auth.GetApiKeyAsync(created.KeyId);
        Assert.Equal("reader", read.Name);
        Assert.Equal([Scopes.LogsRead], read.Scopes);
        using var reader = service.Client(options => options.ApiKey = created.ApiKey);
        await reader.Logs.ListAsync();

        await owner.Auth.RevokeApiKeyAsync(created.KeyId);

        var gone = await Assert.ThrowsAsync<PrimatomicNotFoundException>(() => owner.Auth.GetApiKeyAsync(created.KeyId));
        Assert.Equal(ErrorCodes.NotFound, gone.Code);
        using var revoked = service.Client(options => options.ApiKey = created.ApiKey);
        await Assert.ThrowsAsync<PrimatomicAuthenticationException>(() => revoked.Logs.ListAsync());
    }

    [Fact]
    public async Task Users_are_added_and_listed_with_a_password_session_and_refused_to_a_key()
    {
        using var owner = service.Client(options => { options.Email = service.Email; options.Password = service.Password; });
        var email = $"member-{Guid.NewGuid():N}@client.test";

        var added = await owner.Auth.CreateUserAsync(email, "member-password-1");

        Assert.Equal((email, "member"), (added.Email, added.Role));
        Assert.Contains(await owner.Auth.ListUsersAsync(), user => user.UserId == added.UserId);
        using var keyClient = service.KeyClient();
        var denied = await Assert.ThrowsAsync<PrimatomicPermissionDeniedException>(() => keyClient.Auth.ListUsersAsync());
        Assert.Equal((403, ErrorCodes.PermissionDenied), (denied.Status, denied.Code));
    }
}
