using System.Net;
using System.Text;
using Primatomic.Tests.Infrastructure;

namespace Primatomic.Tests.Auth;

public sealed class RegisterAndLoginTests : IAsyncLifetime
{
    private ApiFactory _api = null!;

    public async Task InitializeAsync() => _api = await ApiFactory.CreateAsync();

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task Register_creates_a_tenant_and_login_returns_a_bearer_token()
    {
        using var client = _api.CreateClient();
        var email = $"new-{Guid.NewGuid():N}@example.test";
        using var registered = await client.PostJsonAsync("/auth/register", new { email, password = "correct horse battery" });
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        var registration = await registered.ReadJsonAsync();
        Assert.True(registration.GetProperty("success").GetBoolean());
        Assert.Equal(32, registration.GetProperty("tenant_id").GetString()!.Length);
        Assert.False(string.IsNullOrEmpty(registration.GetProperty("user_id").GetString()));

        using var login = await client.PostJsonAsync("/auth/login", new { email = email.ToUpperInvariant(), password = "correct horse battery" });
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        var token = await login.ReadJsonAsync();
        Assert.Equal("Bearer", token.GetProperty("token_type").GetString());
        Assert.Equal(3600, token.GetProperty("expires_in").GetInt32());
        Assert.Equal(3, token.GetProperty("access_token").GetString()!.Split('.').Length);
    }

    [Fact]
    public async Task TestTenant_registers_and_its_token_is_accepted_on_a_protected_route()
    {
        using var client = _api.CreateClient();
        var tenant = await TestTenant.RegisterAsync(client);
        using var response = await tenant.Authorize(client).GetAsync(AuthHttp.Path("/auth/keys"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Register_with_a_taken_email_returns_409_CONFLICT()
    {
        using var client = _api.CreateClient();
        var tenant = await TestTenant.RegisterAsync(client);
        using var again = await client.PostJsonAsync("/auth/register", new { email = tenant.Email.ToUpperInvariant(), password = "another password" });
        await again.AssertProblemAsync(HttpStatusCode.Conflict, "CONFLICT");
    }

    [Fact]
    public async Task Registering_again_with_the_same_credentials_is_the_same_201_as_a_retry()
    {
        using var client = _api.CreateClient();
        var tenant = await TestTenant.RegisterAsync(client);
        using var again = await client.PostJsonAsync("/auth/register", new { email = tenant.Email, password = tenant.Password });
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        Assert.Equal(tenant.TenantId, (await again.ReadJsonAsync()).GetProperty("tenant_id").GetString());
    }

    [Theory]
    [InlineData("not-an-email", "long enough password")]
    [InlineData("a@b.example", "short")]
    [InlineData("slash/in@local.example", "long enough password")]
    public async Task Register_with_invalid_email_or_password_returns_400_VALIDATION_ERROR(string email, string password)
    {
        using var client = _api.CreateClient();
        using var response = await client.PostJsonAsync("/auth/register", new { email, password });
        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
    }

    [Theory]
    [InlineData("/auth/register", "{\"email\": ")]
    [InlineData("/auth/login", "{not json}")]
    [InlineData("/auth/login", "{\"email\":\"a@b.example\"}")]
    [InlineData("/auth/token", "{}")]
    [InlineData("/auth/token", "")]
    [InlineData("/auth/register", "[1,2]")]
    public async Task Malformed_json_or_missing_fields_return_400_VALIDATION_ERROR(string path, string body)
    {
        using var client = _api.CreateClient();
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await client.PostAsync(AuthHttp.Path(path), content);
        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
    }

    [Fact]
    public async Task Login_with_wrong_password_or_unknown_email_returns_the_same_401()
    {
        using var client = _api.CreateClient();
        var tenant = await TestTenant.RegisterAsync(client);
        using var wrongPassword = await client.PostJsonAsync("/auth/login", new { email = tenant.Email, password = "wrong password!" });
        using var unknownEmail = await client.PostJsonAsync("/auth/login", new { email = "nobody@nowhere.example", password = "wrong password!" });
        await wrongPassword.AssertProblemAsync(HttpStatusCode.Unauthorized, "UNAUTHENTICATED");
        await unknownEmail.AssertProblemAsync(HttpStatusCode.Unauthorized, "UNAUTHENTICATED");
        var first = (await wrongPassword.ReadJsonAsync()).GetProperty("detail").GetString();
        var second = (await unknownEmail.ReadJsonAsync()).GetProperty("detail").GetString();
        Assert.Equal(first, second);
    }

    [Fact]
    public async Task Seeded_admin_can_log_in()
    {
        using var client = _api.CreateClient();
        var token = await AuthHttp.LoginAsync(client, ApiFactory.AdminEmail, ApiFactory.AdminPassword);
        Assert.False(string.IsNullOrEmpty(token));
    }
}
