using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Primatomic.Tests.Infrastructure;

/// <summary>A freshly registered tenant owner with a valid access token, for tests that need an authenticated caller.</summary>
public sealed record TestTenant(string Email, string Password, string TenantId, string AccessToken)
{
    // Registers a brand-new tenant (unique email) through POST /auth/register, logs in through POST /auth/login.
    public static async Task<TestTenant> RegisterAsync(HttpClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        var email = $"owner-{Guid.NewGuid():N}@tenant.test";
        var password = $"pw-{Guid.NewGuid():N}";

        using var registered = await client.PostAsJsonAsync(new Uri("/auth/register", UriKind.Relative), new { email, password });
        await EnsureStatusAsync(registered, HttpStatusCode.Created, "register");
        using var registration = JsonDocument.Parse(await registered.Content.ReadAsStringAsync());
        var tenantId = registration.RootElement.GetProperty("tenant_id").GetString()!;

        using var login = await client.PostAsJsonAsync(new Uri("/auth/login", UriKind.Relative), new { email, password });
        await EnsureStatusAsync(login, HttpStatusCode.OK, "login");
        using var token = JsonDocument.Parse(await login.Content.ReadAsStringAsync());
        return new TestTenant(email, password, tenantId, token.RootElement.GetProperty("access_token").GetString()!);
    }

    // A new HttpClient-independent helper: sets "Authorization: Bearer <AccessToken>" on the given client and returns it.
    public HttpClient Authorize(HttpClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AccessToken);
        return client;
    }

    private static async Task EnsureStatusAsync(HttpResponseMessage response, HttpStatusCode expected, string step)
    {
        if (response.StatusCode != expected)
        {
            throw new InvalidOperationException(
                $"TestTenant {step} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }
}
