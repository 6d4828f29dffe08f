using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Primatomic.Benchmarks.Scale;

/// <summary>The few public API calls the scale benchmark makes, on any instance, as any tenant (a bearer token per call).</summary>
internal static class ScaleApi
{
    public static async Task<string> RegisterAsync(ScaleInstance instance)
    {
        var email = $"scale-{Guid.NewGuid():N}@example.com";
        const string password = "benchmark-password-1";
        (await instance.Http.PostAsJsonAsync("/auth/register", new { email, password })).EnsureSuccessStatusCode();
        using var login = await instance.Http.PostAsJsonAsync("/auth/login", new { email, password });
        login.EnsureSuccessStatusCode();
        return (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString()!;
    }

    public static async Task<string> CreateLogAsync(ScaleInstance instance, string token, string name)
    {
        using var response = await SendAsync(instance, token, HttpMethod.Post, $"/logs/{name}", null, retry: true,
            headers: r => r.Headers.Add("Idempotency-Key", name));
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("log_id").GetString()!;
    }

    public static async Task DeployAsync(ScaleInstance instance, string token, string logId, string view, byte[] component)
    {
        using var response = await SendAsync(instance, token, HttpMethod.Post, $"/logs/{logId}/views/{view}", component, retry: true);
    }

    /// <summary>One event; with <paramref name="key"/> an Idempotency-Key. Returns its sequence.</summary>
    public static async Task<long> AppendAsync(ScaleInstance instance, string token, string logId, string? key = null)
    {
        using var response = await SendAsync(instance, token, HttpMethod.Post, $"/logs/{logId}/append", "{\"n\":1}"u8.ToArray(), retry: false,
            headers: key is null ? null : r => r.Headers.Add("Idempotency-Key", key));
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("sequence").GetInt64();
    }

    public static async Task<string> QueryAsync(ScaleInstance instance, string token, string logId, string view, long after)
    {
        using var response = await SendAsync(instance, token, HttpMethod.Post, $"/logs/{logId}/views/{view}/query?after={after}", [], retry: false);
        return await response.Content.ReadAsStringAsync();
    }

    public static async Task<JsonElement> StatsAsync(ScaleInstance instance, string token, string logId, string view)
    {
        using var response = await SendAsync(instance, token, HttpMethod.Get, $"/logs/{logId}/views/{view}/stats", null, retry: false);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public static async Task<long> HeadAsync(ScaleInstance instance, string token, string logId)
    {
        using var response = await SendAsync(instance, token, HttpMethod.Get, $"/logs/{logId}", null, retry: false);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("head_sequence").GetInt64();
    }

    /// <summary>Sends; with <paramref name="retry"/> a 503 or 429 is retried after its Retry-After (setup calls only).</summary>
    private static async Task<HttpResponseMessage> SendAsync(ScaleInstance instance, string token, HttpMethod method, string path, byte[]? body,
        bool retry, Action<HttpRequestMessage>? headers = null)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            if (body is not null)
            {
                request.Content = new ByteArrayContent(body);
                request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            }

            headers?.Invoke(request);
            var response = await instance.Http.SendAsync(request);
            if (response.IsSuccessStatusCode)
            {
                return response;
            }

            var transient = response.StatusCode is HttpStatusCode.ServiceUnavailable or HttpStatusCode.TooManyRequests;
            if (!retry || !transient || attempt >= 10)
            {
                var text = await response.Content.ReadAsStringAsync();
                response.Dispose();
                throw new HttpRequestException($"{method} {path} on {instance.Name} answered {(int)response.StatusCode}: {text}", null, response.StatusCode);
            }

            var wait = response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1);
            response.Dispose();
            await Task.Delay(wait);
        }
    }
}
