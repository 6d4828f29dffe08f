using System.Net;
using Primatomic.Tests.Infrastructure;

namespace Primatomic.Tests.Auth;

/// <summary>Owner vs member on tenant administration, and who may act in another tenant via X-Tenant-ID.</summary>
public sealed class MembersAndTenantsTests : TenantApiTests
{
    private static readonly string[] ReadScope = ["logs:read"];
    private static readonly string[] ManageScope = ["keys:manage"];
    protected override bool AuthorizeClient => false;

    [Fact]
    public async Task Member_gets_403_on_key_management_where_the_owner_gets_201()
    {
        var member = await AddMemberAsync("member");
        var memberToken = await AuthHttp.LoginAsync(Client, member.Email, member.Password);
        Assert.Equal("logs:read logs:write views:deploy views:query", TokenForge.Payload(memberToken).GetProperty("scope").GetString());

        var body = new { name = "k", scopes = ReadScope };
        using var memberCreate = await Client.SendWithTokenAsync(HttpMethod.Post, "/auth/keys", memberToken, body);
        await memberCreate.AssertProblemAsync(HttpStatusCode.Forbidden, "PERMISSION_DENIED");
        using var memberList = await Client.SendWithTokenAsync(HttpMethod.Get, "/auth/keys", memberToken);
        await memberList.AssertProblemAsync(HttpStatusCode.Forbidden, "PERMISSION_DENIED");
        using var memberUsers = await Client.SendWithTokenAsync(HttpMethod.Get, "/auth/users", memberToken);
        await memberUsers.AssertProblemAsync(HttpStatusCode.Forbidden, "PERMISSION_DENIED");

        using var ownerCreate = await Client.SendWithTokenAsync(HttpMethod.Post, "/auth/keys", Owner.AccessToken, body);
        Assert.Equal(HttpStatusCode.Created, ownerCreate.StatusCode);
    }

    [Fact]
    public async Task Owner_adds_users_who_are_listed_and_can_log_in_to_the_same_tenant()
    {
        var second = await AddMemberAsync("owner");
        var token = await AuthHttp.LoginAsync(Client, second.Email, second.Password);
        var payload = TokenForge.Payload(token);
        Assert.Equal(Owner.TenantId, payload.GetProperty("tenant").GetString());
        Assert.Equal("owner", payload.GetProperty("role").GetString());

        using var listed = await Client.SendWithTokenAsync(HttpMethod.Get, "/auth/users", Owner.AccessToken);
        Assert.Equal(HttpStatusCode.OK, listed.StatusCode);
        var emails = (await listed.ReadJsonAsync()).GetProperty("users").EnumerateArray()
            .Select(user => user.GetProperty("email").GetString()).ToList();
        Assert.Contains(Owner.Email, emails);
        Assert.Contains(second.Email, emails);
        Assert.DoesNotContain("password", await listed.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Adding_a_user_with_a_taken_email_or_bad_role_is_rejected()
    {
        using var taken = await Client.SendWithTokenAsync(HttpMethod.Post, "/auth/users", Owner.AccessToken,
            new { email = Owner.Email, password = "long enough pw", role = "member" });
        await taken.AssertProblemAsync(HttpStatusCode.Conflict, "CONFLICT");
        using var badRole = await Client.SendWithTokenAsync(HttpMethod.Post, "/auth/users", Owner.AccessToken,
            new { email = $"x-{Guid.NewGuid():N}@tenant.test", password = "long enough pw", role = "admin" });
        await badRole.AssertProblemAsync(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
    }

    [Fact]
    public async Task Admin_with_X_Tenant_ID_acts_inside_that_tenant()
    {
        using var created = await Client.SendWithTokenAsync(HttpMethod.Post, "/auth/keys", Owner.AccessToken,
            new { name = "owners-key", scopes = ReadScope });
        var keyId = (await created.ReadJsonAsync()).GetProperty("key_id").GetString();
        var admin = await AuthHttp.LoginAsync(Client, ApiFactory.AdminEmail, ApiFactory.AdminPassword);

        using var own = await Client.SendWithTokenAsync(HttpMethod.Get, "/auth/keys", admin);
        Assert.DoesNotContain(keyId!, await own.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var inTenant = await Client.SendWithTokenAsync(HttpMethod.Get, "/auth/keys", admin, tenantHeader: Owner.TenantId);
        Assert.Equal(HttpStatusCode.OK, inTenant.StatusCode);
        Assert.Contains(keyId!, await inTenant.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // A key the admin makes there acts as an owner of that tenant, not as the platform admin.
        using var adminKey = await Client.SendWithTokenAsync(HttpMethod.Post, "/auth/keys", admin,
            new { name = "support", scopes = ManageScope }, Owner.TenantId);
        Assert.Equal(HttpStatusCode.Created, adminKey.StatusCode);
        using var exchange = await Client.PostJsonAsync("/auth/token", new { api_key = (await adminKey.ReadJsonAsync()).GetProperty("api_key").GetString() });
        var payload = TokenForge.Payload((await exchange.ReadJsonAsync()).GetProperty("access_token").GetString()!);
        Assert.Equal("owner", payload.GetProperty("role").GetString());
        Assert.Equal(Owner.TenantId, payload.GetProperty("tenant").GetString());
    }

    [Theory]
    [InlineData("00000000000000000000000000000000")]
    [InlineData("not-a-tenant/../x")]
    public async Task Admin_with_X_Tenant_ID_of_no_tenant_gets_404(string tenant)
    {
        var admin = await AuthHttp.LoginAsync(Client, ApiFactory.AdminEmail, ApiFactory.AdminPassword);
        using var response = await Client.SendWithTokenAsync(HttpMethod.Get, "/auth/keys", admin, tenantHeader: tenant);
        await response.AssertProblemAsync(HttpStatusCode.NotFound, "NOT_FOUND");
    }

    [Fact]
    public async Task Non_admin_with_another_X_Tenant_ID_gets_403_and_with_its_own_is_fine()
    {
        using var otherClient = Api.CreateClient();
        var other = await TestTenant.RegisterAsync(otherClient);
        using var foreign = await Client.SendWithTokenAsync(HttpMethod.Get, "/auth/keys", Owner.AccessToken, tenantHeader: other.TenantId);
        await foreign.AssertProblemAsync(HttpStatusCode.Forbidden, "PERMISSION_DENIED");
        using var own = await Client.SendWithTokenAsync(HttpMethod.Get, "/auth/keys", Owner.AccessToken, tenantHeader: Owner.TenantId);
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
    }

    private async Task<(string Email, string Password)> AddMemberAsync(string role)
    {
        var email = $"{role}-{Guid.NewGuid():N}@tenant.test";
        const string password = "member password 1";
        using var response = await Client.SendWithTokenAsync(HttpMethod.Post, "/auth/users", Owner.AccessToken, new { email, password, role });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(role, (await response.ReadJsonAsync()).GetProperty("role").GetString());
        return (email, password);
    }
}
