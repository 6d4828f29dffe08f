using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Primatomic.Chaos;

/// <summary>The few calls the workload makes, each timed and written to the ledger, whatever came back.</summary>
public sealed class ServiceApi(HttpClient http, Ledger ledger)
{
    private static readonly string[] KeyScopes = ["logs:read", "logs:write"];

    public string? AccessToken { get; set; }

    public HttpClient Http => http;

    public static HttpClient CreateHttpClient(Uri baseAddress, TimeSpan timeout) =>
        new(new SocketsHttpHandler { UseProxy = false, PooledConnectionLifetime = TimeSpan.FromSeconds(30) })
        {
            BaseAddress = baseAddress,
            Timeout = timeout,
        };

    public Task<Answer> RegisterAsync(string email, string password) =>
        SendAsync("register", HttpMethod.Post, "/auth/register", Json(new { email, password }), authorize: false);

    public Task<Answer> LoginAsync(string email, string password) =>
        SendAsync("login", HttpMethod.Post, "/auth/login", Json(new { email, password }), authorize: false);

    public Task<Answer> CreateApiKeyAsync(string name) =>
        SendAsync("create-key", HttpMethod.Post, "/auth/keys", Json(new { name, scopes = KeyScopes }));

    public Task<Answer> ExchangeApiKeyAsync(string apiKey) =>
        SendAsync("token", HttpMethod.Post, "/auth/token", Json(new { api_key = apiKey }), authorize: false);

    /// <summary>Creates a log; with <paramref name="idempotencyKey"/>, a retry after a lost answer gets the same 201.</summary>
    public Task<Answer> CreateLogAsync(string name, string? idempotencyKey = null) =>
        SendAsync("create-log", HttpMethod.Post, $"/logs/{name}", null,
            headers: idempotencyKey is null ? null : request => request.Headers.Add("Idempotency-Key", idempotencyKey));

    public Task<Answer> ListLogsAsync() => SendAsync("list-logs", HttpMethod.Get, "/logs", null);

    public Task<Answer> GetLogAsync(string logId) => SendAsync("get-log", HttpMethod.Get, $"/logs/{logId}", null);

    public Task<Answer> ReadAsync(string logId, long after) =>
        SendAsync("read", HttpMethod.Get, $"/logs/{logId}/events?after={after}&limit=1000", null);

    public Task<Answer> AppendAsync(string kind, string logId, string payload, string? idempotencyKey, long? expectedSequence)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(payload));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        var query = expectedSequence is { } expected ? $"?expected_sequence={expected}" : "";
        return SendAsync(kind, HttpMethod.Post, $"/logs/{logId}/append{query}", content,
            headers: idempotencyKey is null ? null : request => request.Headers.Add("Idempotency-Key", idempotencyKey));
    }

    private static StringContent Json(object body) => new(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");

    private async Task<Answer> SendAsync(string kind, HttpMethod method, string path, HttpContent? content,
        bool authorize = true, Action<HttpRequestMessage>? headers = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative)) { Content = content };
        if (authorize && AccessToken is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", AccessToken);
        }

        headers?.Invoke(request);
        var clock = Stopwatch.StartNew();
        Answer answer;
        try
        {
            using var response = await http.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            answer = new Answer(kind, (int)response.StatusCode, body, clock.Elapsed, response.Headers.RetryAfter is not null, null);
        }
        catch (TaskCanceledException)
        {
            answer = new Answer(kind, null, "", clock.Elapsed, false, "timeout");
        }
        catch (HttpRequestException e)
        {
            answer = new Answer(kind, null, "", clock.Elapsed, false, e.HttpRequestError.ToString());
        }

        ledger.Answers.Enqueue(answer);
        return answer;
    }

    public static JsonElement Parse(Answer answer)
    {
        using var document = JsonDocument.Parse(answer.Body);
        return document.RootElement.Clone();
    }
}
