using System.Net;
using Primatomic.Tests.Infrastructure;

namespace Primatomic.Tests.Auth;

public sealed class SignupDisabledTests : IAsyncLifetime
{
    private ApiFactory _api = null!;

    public async Task InitializeAsync() =>
        _api = await ApiFactory.CreateAsync(new Dictionary<string, string?> { ["ALLOW_SIGNUP"] = "false" });

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task Register_with_signup_disabled_returns_403_SIGNUP_DISABLED_and_the_admin_still_logs_in()
    {
        using var client = _api.CreateClient();
        using var response = await client.PostJsonAsync("/auth/register", new { email = "someone@example.test", password = "long enough pw" });
        await response.AssertProblemAsync(HttpStatusCode.Forbidden, "SIGNUP_DISABLED");
        Assert.False(string.IsNullOrEmpty(await AuthHttp.LoginAsync(client, ApiFactory.AdminEmail, ApiFactory.AdminPassword)));
    }
}
