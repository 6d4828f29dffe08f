using System.Net.Http.Headers;
using System.Net.Http.Json;
using Primatomic.Testing;
using Primatomic.Tests.Infrastructure;
using Primatomic.Tests.Logs;

namespace Primatomic.Tests.Fuzz;

/// <summary>Real things for fuzz cases to aim at: an owner and the admin signed in, a log, an API key and a deployed view.</summary>
internal static class FuzzSetup
{
    public const string ViewName = "counter";
    private static readonly string[] KeyScopes = ["logs:read"];

    public static async Task<FuzzContext> PrepareAsync(ServiceProcess service)
    {
        using var client = service.CreateClient();
        var owner = await TestTenant.RegisterAsync(client);
        owner.Authorize(client);
        var logId = await client.CreateLogAsync();
        using var key = await client.PostAsJsonAsync(LogsHttp.Path("/auth/keys"), new { name = "fuzz", scopes = KeyScopes });
        var keyId = (await key.ReadJsonAsync()).GetProperty("key_id").GetString()!;
        using var component = new ByteArrayContent(Views.ExampleViews.Component("counter")); // built on first use, as on a fresh clone
        component.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        using var deployed = await client.PostAsync(LogsHttp.Path($"/logs/{logId}/views/{ViewName}"), component);
        Assert.True(deployed.IsSuccessStatusCode, await deployed.Content.ReadAsStringAsync());

        using var login = await client.PostAsJsonAsync(LogsHttp.Path("/auth/login"), new { email = ApiFactory.AdminEmail, password = ApiFactory.AdminPassword });
        var adminToken = (await login.ReadJsonAsync()).GetProperty("access_token").GetString()!;
        return new FuzzContext(service.Port, owner.AccessToken, adminToken, owner.TenantId, logId, ViewName, keyId);
    }
}
