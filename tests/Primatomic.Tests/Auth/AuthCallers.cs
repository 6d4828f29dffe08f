using System.Net;
using System.Net.Http.Json;
using Primatomic.Functions.Auth;
using Primatomic.Tests.Infrastructure;

namespace Primatomic.Tests.Auth;

/// <summary>One kind of caller of the authorization matrix: its token (none for anonymous) and what it holds.</summary>
public sealed record AuthCaller(string Name, string? Token, string Role, IReadOnlySet<string> Scopes, bool IsKey, string? TenantHeader = null)
{
    public bool Has(string scope) => Scopes.Contains(scope);

    public bool ManagesTenant => Role is Roles.Owner or Roles.Admin && Has(Functions.Auth.Scopes.KeysManage);

    public override string ToString() => Name;
}

/// <summary>
/// One service with every kind of caller the authorization model distinguishes, built once for the auth tests
/// that share it: anonymous, member/owner/admin logins, the admin inside the owner's tenant, and API keys of the
/// owner with each single scope and with all of them.
/// </summary>
public sealed class AuthCallersFixture : IAsyncLifetime
{
    public ApiFactory Api { get; private set; } = null!;
    public HttpClient Client { get; private set; } = null!;
    public TestTenant Owner { get; private set; } = null!;
    public IReadOnlyList<AuthCaller> Callers { get; private set; } = [];

    public async Task InitializeAsync()
    {
        Api = await ApiFactory.CreateAsync();
        Client = Api.CreateClient();
        Owner = await TestTenant.RegisterAsync(Client);
        var all = Scopes.All.ToHashSet();
        var memberEmail = $"member-{Guid.NewGuid():N}@tenant.test";
        using (var added = await Client.SendWithTokenAsync(HttpMethod.Post, "/auth/users", Owner.AccessToken,
            new { email = memberEmail, password = "member-password-1", role = "member" }))
        {
            Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        }

        var admin = await AuthHttp.LoginAsync(Client, ApiFactory.AdminEmail, ApiFactory.AdminPassword);
        var callers = new List<AuthCaller>
        {
            new("anonymous", null, "", new HashSet<string>(), false),
            new("member login", await AuthHttp.LoginAsync(Client, memberEmail, "member-password-1"), Roles.Member,
                new HashSet<string> { Scopes.LogsRead, Scopes.LogsWrite, Scopes.ViewsDeploy, Scopes.ViewsQuery }, false),
            new("owner login", Owner.AccessToken, Roles.Owner, all, false),
            new("admin login", admin, Roles.Admin, all, false),
            new("admin in the owner's tenant", admin, Roles.Admin, all, false, Owner.TenantId),
        };
        foreach (var scope in Scopes.All)
        {
            callers.Add(new($"key {scope}", await KeyTokenAsync(scope), Roles.Owner, new HashSet<string> { scope }, true));
        }

        callers.Add(new("key with all scopes", await KeyTokenAsync([.. Scopes.All]), Roles.Owner, all, true));
        Callers = callers;
    }

    /// <summary>Creates an owner's key with <paramref name="scopes"/> and exchanges it; returns the token.</summary>
    public async Task<string> KeyTokenAsync(params string[] scopes) =>
        await ExchangeAsync((await CreateKeyAsync(Owner.AccessToken, scopes)).Secret);

    public async Task<(string KeyId, string Secret)> CreateKeyAsync(string token, string[] scopes, HttpStatusCode expected = HttpStatusCode.Created)
    {
        using var created = await Client.SendWithTokenAsync(HttpMethod.Post, "/auth/keys", token, new { name = "fixture", scopes });
        Assert.True(expected == created.StatusCode, $"creating a key answered {(int)created.StatusCode}: {await created.Content.ReadAsStringAsync()}");
        if (expected != HttpStatusCode.Created)
        {
            return ("", "");
        }

        var body = await created.ReadJsonAsync();
        return (body.GetProperty("key_id").GetString()!, body.GetProperty("api_key").GetString()!);
    }

    public async Task<string> ExchangeAsync(string secret)
    {
        using var exchanged = await Client.PostAsJsonAsync(AuthHttp.Path("/auth/token"), new { api_key = secret });
        Assert.Equal(HttpStatusCode.OK, exchanged.StatusCode);
        return (await exchanged.ReadJsonAsync()).GetProperty("access_token").GetString()!;
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Api.DisposeAsync();
    }
}
