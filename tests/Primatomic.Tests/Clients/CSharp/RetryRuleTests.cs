using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Primatomic.Client;

namespace Primatomic.Tests.Clients.CSharp;

/// <summary>
/// The retry rule in the client's README, for answers the real service gives only under faults (429 and 503 with
/// Retry-After): scripted answers stand in for the service, so each case is exact and takes milliseconds.
/// </summary>
public sealed class RetryRuleTests
{
    [Fact]
    public async Task An_append_answered_503_then_429_is_retried_with_the_same_generated_key_after_Retry_After()
    {
        var service = new ScriptedService(Problem(HttpStatusCode.ServiceUnavailable, "SERVICE_UNAVAILABLE", retryAfterSeconds: 0),
            Problem(HttpStatusCode.TooManyRequests, "RATE_LIMITED", retryAfterSeconds: 0), Ok("{\"success\":true,\"sequence\":7}"));
        using var client = Client(service);

        var appended = await client.Logs.AppendAsync("log", "e"u8.ToArray());

        Assert.Equal(7, appended.Sequence);
        var keys = service.Requests.Select(request => request.Headers.GetValues("Idempotency-Key").Single()).ToList();
        Assert.Equal(3, keys.Count);
        Assert.Single(keys.Distinct());
        Assert.StartsWith("pc-", keys[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task When_every_attempt_fails_the_typed_exception_carries_code_retry_after_trace_id_and_key()
    {
        var service = new ScriptedService(Enumerable.Repeat(0, 3).Select(_ =>
            Problem(HttpStatusCode.ServiceUnavailable, "SERVICE_UNAVAILABLE", retryAfterSeconds: 0, traceId: "4bf92f3577b34da6a3ce929d0e0e4736")).ToArray());
        using var client = Client(service, maxAttempts: 3);

        var failure = await Assert.ThrowsAsync<PrimatomicUnavailableException>(() => client.Logs.AppendAsync("log", "e"u8.ToArray(), idempotencyKey: "mine"));

        Assert.Equal((503, "SERVICE_UNAVAILABLE", "mine", "4bf92f3577b34da6a3ce929d0e0e4736"), (failure.Status, failure.Code, failure.IdempotencyKey, failure.TraceId));
        Assert.Equal(TimeSpan.Zero, failure.RetryAfter);
        Assert.True(failure.IsTransient);
        Assert.Equal(3, service.Requests.Count);
    }

    [Fact]
    public async Task Creating_an_api_key_is_not_retried_after_a_503_which_may_have_created_it()
    {
        var service = new ScriptedService(Problem(HttpStatusCode.ServiceUnavailable, "SERVICE_UNAVAILABLE", retryAfterSeconds: 0), Ok("{}"));
        using var client = Client(service);

        await Assert.ThrowsAsync<PrimatomicUnavailableException>(() => client.Auth.CreateApiKeyAsync("k", [Scopes.LogsRead]));

        Assert.Single(service.Requests);
    }

    [Fact]
    public async Task A_sign_in_that_fails_with_503_counts_as_one_failed_attempt_of_the_append_which_then_succeeds()
    {
        // Two attempts per call: the sign-in spends both on 503s, the append's second attempt signs in again.
        var unavailable = () => Problem(HttpStatusCode.ServiceUnavailable, "SERVICE_UNAVAILABLE", retryAfterSeconds: 0);
        var service = new ScriptedService(unavailable(), unavailable(), Ok("{\"access_token\":\"t\",\"token_type\":\"Bearer\",\"expires_in\":3600}"),
            Ok("{\"success\":true,\"sequence\":4}"));
        using var client = new PrimatomicClient(new HttpClient(service) { BaseAddress = new Uri("http://primatomic.invalid/") },
            new PrimatomicClientOptions { ApiKey = "pk_x", MaxAttempts = 2, RetryBaseDelay = TimeSpan.FromMilliseconds(1) });

        Assert.Equal(4, (await client.Logs.AppendAsync("log", "e"u8.ToArray())).Sequence);

        Assert.Equal(["/auth/token", "/auth/token", "/auth/token", "/logs/log/append"], service.Requests.Select(request => request.RequestUri!.AbsolutePath));
    }

    private static PrimatomicClient Client(ScriptedService service, int maxAttempts = 6) =>
        new(new HttpClient(service) { BaseAddress = new Uri("http://primatomic.invalid/") },
            new PrimatomicClientOptions { AccessToken = "token", MaxAttempts = maxAttempts, RetryBaseDelay = TimeSpan.FromMilliseconds(1) });

    private static HttpResponseMessage Ok(string json) => new(HttpStatusCode.OK) { Content = new StringContent(json, Encoding.UTF8, "application/json") };

    private static HttpResponseMessage Problem(HttpStatusCode status, string code, int retryAfterSeconds, string? traceId = null)
    {
        var trace = traceId is null ? "" : $",\"trace_id\":\"{traceId}\"";
        var response = new HttpResponseMessage(status)
        {
            Content = new StringContent($"{{\"status\":{(int)status},\"code\":\"{code}\",\"detail\":\"scripted\"{trace}}}", Encoding.UTF8, "application/problem+json"),
        };
        response.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(retryAfterSeconds));
        return response;
    }

    /// <summary>Answers requests with the given responses in order, and keeps each request.</summary>
    private sealed class ScriptedService(params HttpResponseMessage[] answers) : HttpMessageHandler
    {
        private int _next;

        public List<HttpRequestMessage> Requests { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requests.Add(request);
            return Task.FromResult(answers[_next++]);
        }
    }
}
