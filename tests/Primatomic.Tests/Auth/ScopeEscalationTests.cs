using System.Net;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Primatomic.Functions.Auth;
using Primatomic.Tests.Infrastructure;

namespace Primatomic.Tests.Auth;

/// <summary>A credential never grants more than it holds, and revoking a key revokes what was created through it.</summary>
public sealed class ScopeEscalationTests(AuthCallersFixture fixture) : IClassFixture<AuthCallersFixture>
{
    private HttpClient Client => fixture.Client;

    [Fact]
    public async Task Key_with_only_keys_manage_cannot_create_a_broader_key()
    {
        var manager = await fixture.KeyTokenAsync(Scopes.KeysManage);
        await fixture.CreateKeyAsync(manager, [.. Scopes.All], HttpStatusCode.Forbidden);
        await fixture.CreateKeyAsync(manager, [Scopes.LogsRead], HttpStatusCode.Forbidden);

        // What it holds it may pass on.
        var (_, secret) = await fixture.CreateKeyAsync(manager, [Scopes.KeysManage]);
        var payload = TokenForge.Payload(await fixture.ExchangeAsync(secret));
        Assert.Equal(Scopes.KeysManage, payload.GetProperty("scope").GetString());
    }

    [Fact]
    public async Task Member_login_cannot_create_keys_and_a_key_never_exceeds_its_creators_scopes()
    {
        var reader = await fixture.KeyTokenAsync(Scopes.LogsRead, Scopes.KeysManage);
        await fixture.CreateKeyAsync(reader, [Scopes.LogsWrite], HttpStatusCode.Forbidden);
        var (_, secret) = await fixture.CreateKeyAsync(reader, [Scopes.LogsRead]);
        Assert.Equal(Scopes.LogsRead, TokenForge.Payload(await fixture.ExchangeAsync(secret)).GetProperty("scope").GetString());

        var member = fixture.Callers.Single(caller => caller.Name == "member login").Token!;
        await fixture.CreateKeyAsync(member, [Scopes.LogsRead], HttpStatusCode.Forbidden);
    }

    [Theory]
    [InlineData("owner")]
    [InlineData("member")]
    public async Task Token_from_a_key_cannot_create_users_of_any_role(string role)
    {
        var all = await fixture.KeyTokenAsync([.. Scopes.All]);
        var email = $"escalate-{Guid.NewGuid():N}@tenant.test";
        using var created = await Client.SendWithTokenAsync(HttpMethod.Post, "/auth/users", all,
            new { email, password = "chosen-by-the-key", role });
        await created.AssertProblemAsync(HttpStatusCode.Forbidden, "PERMISSION_DENIED");
        using var login = await Client.PostJsonAsync("/auth/login", new { email, password = "chosen-by-the-key" });
        await login.AssertProblemAsync(HttpStatusCode.Unauthorized, "UNAUTHENTICATED");
    }

    [Fact]
    public async Task Token_from_the_admins_own_key_cannot_rotate_signing_keys()
    {
        var admin = await AuthHttp.LoginAsync(Client, ApiFactory.AdminEmail, ApiFactory.AdminPassword);
        var (_, secret) = await fixture.CreateKeyAsync(admin, [Scopes.KeysManage]);
        using var rotate = await Client.SendWithTokenAsync(HttpMethod.Post, "/auth/signing-keys/rotate", await fixture.ExchangeAsync(secret));
        await rotate.AssertProblemAsync(HttpStatusCode.Forbidden, "PERMISSION_DENIED");
    }

    [Fact]
    public async Task Revoking_a_key_revokes_every_key_created_through_it()
    {
        var (parentId, parentSecret) = await fixture.CreateKeyAsync(fixture.Owner.AccessToken, [Scopes.KeysManage, Scopes.LogsRead]);
        var parent = await fixture.ExchangeAsync(parentSecret);
        var (_, childSecret) = await fixture.CreateKeyAsync(parent, [Scopes.KeysManage, Scopes.LogsRead]);
        var child = await fixture.ExchangeAsync(childSecret);
        var (_, grandchildSecret) = await fixture.CreateKeyAsync(child, [Scopes.LogsRead]);
        var grandchild = await fixture.ExchangeAsync(grandchildSecret);

        using var revoked = await Client.SendWithTokenAsync(HttpMethod.Delete, $"/auth/keys/{parentId}", fixture.Owner.AccessToken);
        Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);

        foreach (var (secret, token) in new[] { (childSecret, child), (grandchildSecret, grandchild) })
        {
            using var exchange = await Client.PostJsonAsync("/auth/token", new { api_key = secret });
            await exchange.AssertProblemAsync(HttpStatusCode.Unauthorized, "UNAUTHENTICATED");
            using var read = await Client.SendWithTokenAsync(HttpMethod.Get, "/logs", token);
            await read.AssertProblemAsync(HttpStatusCode.Unauthorized, "UNAUTHENTICATED");
        }
    }

    [Fact]
    public async Task Key_revoked_on_another_instance_revokes_its_children_there_within_the_staleness_bound()
    {
        var clock = new ShiftedTimeProvider();
        using var other = fixture.Api.WithWebHostBuilder(builder =>
            builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(clock)));
        using var otherClient = other.CreateClient();
        var (parentId, parentSecret) = await fixture.CreateKeyAsync(fixture.Owner.AccessToken, [Scopes.KeysManage, Scopes.LogsRead]);
        var (_, childSecret) = await fixture.CreateKeyAsync(await fixture.ExchangeAsync(parentSecret), [Scopes.LogsRead]);
        var child = await fixture.ExchangeAsync(childSecret);
        using (var before = await otherClient.SendWithTokenAsync(HttpMethod.Get, "/logs", child))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        using var revoked = await Client.SendWithTokenAsync(HttpMethod.Delete, $"/auth/keys/{parentId}", fixture.Owner.AccessToken);
        Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        clock.Advance(ApiKeyRevocations.MaxStaleness + TimeSpan.FromSeconds(1));
        using var after = await otherClient.SendWithTokenAsync(HttpMethod.Get, "/logs", child);
        await after.AssertProblemAsync(HttpStatusCode.Unauthorized, "UNAUTHENTICATED");
    }

    [Fact]
    public async Task Token_from_a_key_revokes_only_that_key_and_the_keys_created_through_it()
    {
        var (_, managerSecret) = await fixture.CreateKeyAsync(fixture.Owner.AccessToken, [Scopes.KeysManage]);
        var manager = await fixture.ExchangeAsync(managerSecret);
        var (ownersKeyId, _) = await fixture.CreateKeyAsync(fixture.Owner.AccessToken, [Scopes.LogsRead]);
        var (childId, _) = await fixture.CreateKeyAsync(manager, [Scopes.KeysManage]);

        using var foreign = await Client.SendWithTokenAsync(HttpMethod.Delete, $"/auth/keys/{ownersKeyId}", manager);
        await foreign.AssertProblemAsync(HttpStatusCode.Forbidden, "PERMISSION_DENIED");
        using var own = await Client.SendWithTokenAsync(HttpMethod.Delete, $"/auth/keys/{childId}", manager);
        Assert.Equal(HttpStatusCode.NoContent, own.StatusCode);
    }
}
