using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Primatomic.Tests.Infrastructure;

namespace Primatomic.Tests.Auth;

/// <summary>Small HTTP helpers shared by the auth tests.</summary>
internal static class AuthHttp
{
    public static Uri Path(string path) => new(path, UriKind.Relative);

    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string path, object body) =>
        client.PostAsJsonAsync(Path(path), body);

    public static async Task<string> LoginAsync(HttpClient client, string email, string password)
    {
        using var response = await client.PostJsonAsync("/auth/login", new { email, password });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.ReadJsonAsync()).GetProperty("access_token").GetString()!;
    }

    public static HttpRequestMessage WithBearer(this HttpRequestMessage request, string token)
    {
        request.Headers.Authorization = new("Bearer", token);
        return request;
    }

    public static async Task<HttpResponseMessage> SendWithTokenAsync(this HttpClient client, HttpMethod method, string path, string token,
        object? body = null, string? tenantHeader = null)
    {
        using var request = new HttpRequestMessage(method, Path(path)).WithBearer(token);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        if (tenantHeader is not null)
        {
            request.Headers.Add("X-Tenant-ID", tenantHeader);
        }

        return await client.SendAsync(request);
    }
}
