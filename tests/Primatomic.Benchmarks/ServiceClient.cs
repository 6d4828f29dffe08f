using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Primatomic.Benchmarks;

/// <summary>Just enough of the public API to drive a benchmark: a tenant, a token, a log.</summary>
internal sealed class ServiceClient(HttpClient http)
{
    public HttpClient Http => http;

    public async Task SignInAsNewTenantAsync()
    {
        var email = $"bench-{Guid.NewGuid():N}@example.com";
        const string password = "benchmark-password-1";
        (await http.PostAsJsonAsync("/auth/register", new { email, password })).EnsureSuccessStatusCode();
        using var login = await http.PostAsJsonAsync("/auth/login", new { email, password });
        login.EnsureSuccessStatusCode();
        var token = (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
    }

    public async Task<string> CreateLogAsync(string name)
    {
        using var response = await http.PostAsync(new Uri($"/logs/{name}", UriKind.Relative), null);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("log_id").GetString()!;
    }

    public async Task<bool> AppendAsync(string logId, byte[] payload)
    {
        using var content = new ByteArrayContent(payload);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        using var response = await http.PostAsync(new Uri($"/logs/{logId}/append", UriKind.Relative), content);
        return response.IsSuccessStatusCode;
    }

    public async Task<long> HeadSequenceAsync(string logId)
    {
        var log = await http.GetFromJsonAsync<JsonElement>(new Uri($"/logs/{logId}", UriKind.Relative));
        return log.GetProperty("head_sequence").GetInt64();
    }
}
