using System.Diagnostics;
using System.Net;
using System.Text;
using Microsoft.Extensions.Logging;
using Primatomic.Tests.Infrastructure;

namespace Primatomic.Tests.Faults;

/// <summary>
/// Appends queued behind a commit stuck on frozen storage each get their own 503 within REQUEST_TIMEOUT_SECS; once
/// storage thaws the log has no gap and no duplicate, and a retried Idempotency-Key stores its event once.
/// A client that gives up during the fault is logged once, quietly.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class FrozenAppendTests(OutageFixture fixture) : IClassFixture<OutageFixture>, IAsyncLifetime
{
    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        fixture.Heal();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Concurrent_appends_on_frozen_storage_each_get_503_in_time_and_the_log_stays_gapless_after_thaw()
    {
        using var client = fixture.OwnerClient();
        client.Timeout = TimeSpan.FromMinutes(2);
        var logId = await CreateLogAsync(client);
        fixture.Proxy.Freeze();
        var payloads = Enumerable.Range(0, 8).Select(i => $"frozen-{i}-{Guid.NewGuid():N}").ToList();
        var answers = await Task.WhenAll(payloads.Select(async (payload, i) =>
        {
            var clock = Stopwatch.StartNew();
            using var response = await AppendAsync(client, logId, payload, i % 2 == 0 ? payload : null);
            return (response.StatusCode, response.Headers.RetryAfter, await response.Content.ReadAsStringAsync(), clock.Elapsed);
        }));
        foreach (var (status, retryAfter, body, elapsed) in answers)
        {
            Assert.True(status == HttpStatusCode.ServiceUnavailable, $"{(int)status}: {body}");
            Assert.NotNull(retryAfter);
            Assert.Contains("SERVICE_UNAVAILABLE", body, StringComparison.Ordinal);
            Assert.True(elapsed <= OutageFixture.RequestTimeout + OutageFixture.Slack, $"answered after {elapsed}");
        }

        fixture.Proxy.Thaw();
        // Retried with their keys, the keyed appends store exactly once, whether or not the first try landed.
        for (var i = 0; i < payloads.Count; i += 2)
        {
            await RetryUntilAppendedAsync(client, logId, payloads[i], payloads[i]);
        }

        var after = "after-thaw-" + Guid.NewGuid().ToString("N");
        await RetryUntilAppendedAsync(client, logId, after, key: null);

        var stored = await ReadAllAsync(client, logId);
        Assert.Equal(Enumerable.Range(1, stored.Count).Select(i => (long)i), stored.Select(e => e.Sequence));
        Assert.Equal(stored.Count, stored.Select(e => e.Data).Distinct(StringComparer.Ordinal).Count());
        for (var i = 0; i < payloads.Count; i += 2)
        {
            Assert.Single(stored, e => e.Data == payloads[i]);
        }

        Assert.Single(stored, e => e.Data == after);
    }

    [Fact]
    public async Task A_client_that_disconnects_during_a_storage_fault_is_logged_once_quietly()
    {
        using var client = fixture.OwnerClient();
        var logId = await CreateLogAsync(client);
        var before = fixture.Logs.Entries.Count;
        fixture.Proxy.Freeze();
        using (var gone = new CancellationTokenSource(TimeSpan.FromSeconds(1)))
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => AppendAsync(client, logId, "abandoned", null, gone.Token));
        }

        var deadline = DateTime.UtcNow + OutageFixture.RequestTimeout + OutageFixture.Slack;
        while (!Since(before).Any(IsClientGone) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        var entries = Since(before);
        Assert.Single(entries, IsClientGone);
        Assert.DoesNotContain(entries, e => e.Level >= LogLevel.Error && e.Category.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal));
        Assert.DoesNotContain(entries, e => e.Category.EndsWith("ApiExceptionHandler", StringComparison.Ordinal) && e.Level >= LogLevel.Warning);
    }

    private List<CapturedLog> Since(int before) => [.. fixture.Logs.Entries.Skip(before)];

    private static bool IsClientGone(CapturedLog entry) =>
        entry.Level <= LogLevel.Information && entry.Message.Contains("ended by the client", StringComparison.Ordinal);

    private static async Task<string> CreateLogAsync(HttpClient client)
    {
        using var created = await client.PostAsync(new Uri("/logs/frozen-" + Guid.NewGuid().ToString("N")[..8], UriKind.Relative), null);
        created.EnsureSuccessStatusCode();
        return (await created.ReadJsonAsync()).GetProperty("log_id").GetString()!;
    }

    private static Task<HttpResponseMessage> AppendAsync(HttpClient client, string logId, string payload, string? key,
        CancellationToken cancellationToken = default)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"/logs/{logId}/append", UriKind.Relative))
        {
            Content = new ByteArrayContent(Encoding.UTF8.GetBytes(payload)) { Headers = { ContentType = new("application/octet-stream") } },
        };
        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }

        return client.SendAsync(request, cancellationToken);
    }

    private static async Task RetryUntilAppendedAsync(HttpClient client, string logId, string payload, string? key)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (true)
        {
            using var response = await AppendAsync(client, logId, payload, key);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                return;
            }

            Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable && DateTime.UtcNow < deadline,
                $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            await Task.Delay(200);
        }
    }

    private static async Task<List<(long Sequence, string Data)>> ReadAllAsync(HttpClient client, string logId)
    {
        var events = new List<(long, string)>();
        long after = 0;
        while (true)
        {
            using var response = await client.GetAsync(new Uri($"/logs/{logId}/events?after={after}&limit=1000", UriKind.Relative));
            response.EnsureSuccessStatusCode();
            var page = (await response.ReadJsonAsync()).GetProperty("events").EnumerateArray().ToList();
            if (page.Count == 0)
            {
                return events;
            }

            foreach (var e in page)
            {
                after = e.GetProperty("sequence").GetInt64();
                events.Add((after, Encoding.UTF8.GetString(e.GetProperty("data").GetBytesFromBase64())));
            }
        }
    }
}
