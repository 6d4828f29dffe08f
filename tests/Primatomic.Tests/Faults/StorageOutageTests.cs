using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Primatomic.Tests.Infrastructure;

namespace Primatomic.Tests.Faults;

/// <summary>
/// With storage stopped or frozen, every route answers honestly and in time: 503 SERVICE_UNAVAILABLE with
/// Retry-After as problem+json (never 500), within REQUEST_TIMEOUT_SECS.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class StorageOutageTests(OutageFixture fixture) : IClassFixture<OutageFixture>, IAsyncLifetime
{
    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        fixture.Heal();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Every_route_answers_503_with_Retry_After_while_storage_is_down()
    {
        fixture.Proxy.Down = true;
        await WalkAsync();
    }

    [Fact]
    public async Task Every_route_answers_503_with_Retry_After_within_the_bound_while_storage_is_frozen()
    {
        fixture.Proxy.Freeze();
        await WalkAsync();
    }

    [Fact]
    public async Task A_token_whose_API_key_is_checked_in_storage_gets_503_not_401_while_storage_is_down()
    {
        fixture.Proxy.Down = true;
        using var client = fixture.Service.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/logs/" + fixture.LogId, UriKind.Relative));
        request.Headers.Authorization = new("Bearer", fixture.ApiKeyToken);
        using var response = await client.SendAsync(request);
        await response.AssertProblemAsync(HttpStatusCode.ServiceUnavailable, "SERVICE_UNAVAILABLE");
        Assert.NotNull(response.Headers.RetryAfter);
    }

    private async Task WalkAsync()
    {
        var steps = RouteWalk.Steps(fixture.Service.Services, fixture);
        Assert.Contains(steps, s => s.Name == "AppendEvent");
        using var client = fixture.Service.CreateClient();
        client.Timeout = TimeSpan.FromMinutes(2);
        var answers = await Task.WhenAll(steps.Select(async step =>
        {
            using var request = step.Request();
            var clock = Stopwatch.StartNew();
            using var response = await client.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            return (step, response.StatusCode, response.Headers.RetryAfter, response.Content.Headers.ContentType?.MediaType, body, clock.Elapsed);
        }));

        var failures = new List<string>();
        foreach (var (step, status, retryAfter, mediaType, body, elapsed) in answers)
        {
            var what = $"{step.Method} {step.Path} ({step.Name}) answered {(int)status} after {elapsed.TotalSeconds:0.0} s: {body}";
            if (elapsed > OutageFixture.RequestTimeout + OutageFixture.Slack)
            {
                failures.Add("too slow: " + what);
            }

            if (RouteWalk.StorageFree.Contains(step.Name) || step.HostInvocation)
            {
                if ((int)status >= 500)
                {
                    failures.Add("storage-free route failed: " + what);
                }

                continue;
            }

            if (status != HttpStatusCode.ServiceUnavailable || retryAfter is null || mediaType != "application/problem+json"
                || Code(body) != "SERVICE_UNAVAILABLE")
            {
                failures.Add(what);
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    private static string? Code(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.TryGetProperty("code", out var code) ? code.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
