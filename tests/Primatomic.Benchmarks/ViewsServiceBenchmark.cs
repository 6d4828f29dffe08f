using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Azure.Storage.Blobs;
using Primatomic.Testing;

namespace Primatomic.Benchmarks;

/// <summary>Read-after-write latency and restart time through a real service process against local Azurite.</summary>
internal static class ViewsServiceBenchmark
{
    private const int Rounds = 1000;
    private const int Restarts = 3;

    public static async Task RunAsync(byte[] counterComponent, int logEvents, int eventBytes, Action<string> print)
    {
        await using var azurite = await AzuriteProcess.StartAsync();
        var settings = new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["STORAGE_NAME_PREFIX"] = "benchviews",
            ["RATE_LIMIT_RPS"] = "1000000",
            ["TENANT_RATE_LIMIT_RPS"] = "1000000",
            ["TENANT_RATE_LIMIT_BURST"] = "1000000",
            ["AUTH_RATE_LIMIT_PER_MINUTE"] = "1000",
            ["Logging__LogLevel__Default"] = "Warning",
            ["Views__CheckpointInterval"] = "00:00:01",
        };

        string token, logId;
        long head;
        await using (var service = await ServiceProcess.StartAsync(settings))
        {
            using var http = new HttpClient { BaseAddress = service.BaseAddress, Timeout = TimeSpan.FromSeconds(120) };
            var client = new ServiceClient(http);
            await client.SignInAsNewTenantAsync();
            token = http.DefaultRequestHeaders.Authorization!.Parameter!;
            logId = await client.CreateLogAsync("bench-views");
            (await http.PostAsync(Path($"/logs/{logId}/views/counter"), Octets(counterComponent))).EnsureSuccessStatusCode();

            var total = new List<double>();
            var appends = new List<double>();
            var queries = new List<double>();
            for (var i = 0; i < Rounds; i++)
            {
                var clock = Stopwatch.StartNew();
                var sequence = await AppendAsync(http, logId);
                var appended = clock.Elapsed.TotalMilliseconds;
                await QueryAsync(http, logId, sequence);
                total.Add(clock.Elapsed.TotalMilliseconds);
                appends.Add(appended);
                queries.Add(clock.Elapsed.TotalMilliseconds - appended);
            }

            print($"read-after-write (append, then query?after), {Rounds} sequential rounds: p50 {P(total, 50):F1} ms   p99 {P(total, 99):F1} ms");
            print($"  of which the append: p50 {P(appends, 50):F1} ms   p99 {P(appends, 99):F1} ms;   the query: p50 {P(queries, 50):F1} ms   p99 {P(queries, 99):F1} ms");

            head = await FillAsync(http, logId, logEvents - Rounds, eventBytes);
            await QueryAsync(http, logId, head);
            await WaitForCheckpointAsync(http, logId, head);
        }

        var warm = new List<(double Start, double Answer)>();
        for (var i = 0; i < Restarts; i++)
        {
            warm.Add(await FirstAnswerAsync(settings, token, logId, head));
        }

        // Cold: no compiled artifact and no checkpoint, so the service compiles and replays every event.
        var container = new BlobServiceClient(azurite.ConnectionString).GetBlobContainerClient("benchviews-views");
        var cold = new List<(double Start, double Answer)>();
        for (var i = 0; i < Restarts; i++)
        {
            await foreach (var blob in container.GetBlobsAsync())
            {
                if (blob.Name.StartsWith("artifacts/", StringComparison.Ordinal) || blob.Name.StartsWith("checkpoints/", StringComparison.Ordinal))
                {
                    await container.DeleteBlobAsync(blob.Name);
                }
            }

            cold.Add(await FirstAnswerAsync(settings, token, logId, head));
        }

        double warmStart = Median(warm.Select(w => w.Start)), warmAnswer = Median(warm.Select(w => w.Answer));
        double coldStart = Median(cold.Select(c => c.Start)), coldAnswer = Median(cold.Select(c => c.Answer));
        print($"restart, medians of {Restarts} (each run: {string.Join(", ", warm.Select(w => $"{w.Start:N0}+{w.Answer:N0}"))} ms):");
        print($"  with artifact + checkpoint      : process ready in {warmStart,6:N0} ms, then first query?after={head:N0} answer in {warmAnswer,6:N0} ms");
        print($"  compiling and replaying all ({string.Join(", ", cold.Select(c => $"{c.Start:N0}+{c.Answer:N0}"))} ms):");
        print($"                                    process ready in {coldStart,6:N0} ms, then first query?after={head:N0} answer in {coldAnswer,6:N0} ms");
        print($"first answer after ready: {coldAnswer / Math.Max(1, warmAnswer):F1}x faster from checkpoint; including process start: {(coldStart + coldAnswer) / Math.Max(1, warmStart + warmAnswer):F1}x");
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }

    /// <summary>Milliseconds from launch until the process is ready, and from ready until the first answer.</summary>
    private static async Task<(double Start, double Answer)> FirstAnswerAsync(Dictionary<string, string?> settings, string token, string logId, long head)
    {
        var clock = Stopwatch.StartNew();
        await using var service = await ServiceProcess.StartAsync(settings);
        var ready = clock.Elapsed.TotalMilliseconds;
        using var http = new HttpClient { BaseAddress = service.BaseAddress, Timeout = TimeSpan.FromSeconds(300) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var answer = await QueryAsync(http, logId, head);
        var elapsed = clock.Elapsed.TotalMilliseconds - ready;
        if (answer != $"{{\"count\":{head}}}")
        {
            throw new InvalidOperationException($"Unexpected answer after restart: {answer}");
        }

        return (ready, elapsed);
    }

    private static double P(List<double> values, int percentile)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, sorted.Count * percentile / 100)];
    }

    private static async Task<long> FillAsync(HttpClient http, string logId, int events, int eventBytes)
    {
        long last = 0;
        for (var sent = 0; sent < events; sent += 100)
        {
            // ASCII JSON padded to the event size: what a replay from zero has to read back from Table Storage.
            var batch = Enumerable.Range(sent, Math.Min(100, events - sent))
                .Select(n => Convert.ToBase64String(Encoding.UTF8.GetBytes($"{{\"n\":{n},\"pad\":\"".PadRight(eventBytes - 2, 'x') + "\"}")))
                .ToArray();
            using var response = await http.PostAsJsonAsync(Path($"/logs/{logId}/append-batch"), new { events = batch });
            response.EnsureSuccessStatusCode();
            last = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("last_sequence").GetInt64();
        }

        return last;
    }

    private static async Task<long> AppendAsync(HttpClient http, string logId)
    {
        using var response = await http.PostAsync(Path($"/logs/{logId}/append"), Octets("{\"n\":1}"u8.ToArray()));
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("sequence").GetInt64();
    }

    private static async Task<string> QueryAsync(HttpClient http, string logId, long after)
    {
        using var response = await http.PostAsync(Path($"/logs/{logId}/views/counter/query?after={after}"), Octets([]));
        var text = await response.Content.ReadAsStringAsync();
        return response.IsSuccessStatusCode ? text : throw new InvalidOperationException($"query answered {(int)response.StatusCode}: {text}");
    }

    private static async Task WaitForCheckpointAsync(HttpClient http, string logId, long head)
    {
        for (var tries = 0; tries < 300; tries++)
        {
            var stats = await http.GetFromJsonAsync<JsonElement>(Path($"/logs/{logId}/views/counter/stats"));
            if (stats.GetProperty("checkpoint_sequence").GetInt64() >= head)
            {
                return;
            }

            await Task.Delay(100);
        }

        throw new InvalidOperationException("The leader wrote no checkpoint at the head within 30 s.");
    }

    private static ByteArrayContent Octets(byte[] bytes)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        return content;
    }

    private static Uri Path(string path) => new(path, UriKind.Relative);
}
