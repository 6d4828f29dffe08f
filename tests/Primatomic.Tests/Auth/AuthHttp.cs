using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Primatomic.Tests.Auth;

/// <summary>Small HTTP helpers shared by the auth tests.</summary>
internal static class AuthHttp
{
    public static Uri Path(string path) => new(path, UriKind.Relative);

    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string path, object body) =>
        client.PostAsJsonAsync(Path(path), body);

    public static async Task<JsonElement> ReadJsonAsync(this HttpResponseMessage response)
    {
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.Clone();
    }

    /// <summary>Asserts the status and that the body is a problem document with <paramref name="code"/>.</summary>
    public static async Task AssertProblemAsync(this HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"Expected {(int)status} but got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(body);
        Assert.Equal(code, problem.RootElement.GetProperty("code").GetString());
    }

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
