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
    public static async Task RunAsync(byte[] counterComponent, int logEvents, Action<string> print)
    {
        await using var azurite = await AzuriteProcess.StartAsync();
        var settings = new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["STORAGE_NAME_PREFIX"] = "benchviews",
            ["RATE_LIMIT_RPS"] = "1000000",
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
            for (var i = 0; i < 300; i++)
            {
                var clock = Stopwatch.StartNew();
                var sequence = await AppendAsync(http, logId);
                var appended = clock.Elapsed.TotalMilliseconds;
                await QueryAsync(http, logId, sequence);
                total.Add(clock.Elapsed.TotalMilliseconds);
                appends.Add(appended);
                queries.Add(clock.Elapsed.TotalMilliseconds - appended);
            }

            print($"read-after-write (append, then query?after), 300 sequential rounds: p50 {P(total, 50):F1} ms   p99 {P(total, 99):F1} ms");
            print($"  of which the append: p50 {P(appends, 50):F1} ms   p99 {P(appends, 99):F1} ms;   the query: p50 {P(queries, 50):F1} ms   p99 {P(queries, 99):F1} ms");

            head = await FillAsync(http, logId, logEvents - 300);
            await QueryAsync(http, logId, head);
            await WaitForCheckpointAsync(http, logId, head);
        }

        var (warmStart, warm) = await FirstAnswerAsync(settings, token, logId, head);
        print($"restart with artifact + checkpoint: process ready in {warmStart,6:N0} ms, then first query?after={head:N0} answer in {warm,6:N0} ms");

        // Cold: no compiled artifact and no checkpoint, so the service compiles and replays every event.
        var container = new BlobServiceClient(azurite.ConnectionString).GetBlobContainerClient("benchviews-views");
        await foreach (var blob in container.GetBlobsAsync())
        {
            if (blob.Name.StartsWith("artifacts/", StringComparison.Ordinal) || blob.Name.StartsWith("checkpoints/", StringComparison.Ordinal))
            {
                await container.DeleteBlobAsync(blob.Name);
            }
        }

        var (coldStart, cold) = await FirstAnswerAsync(settings, token, logId, head);
        print($"restart compiling and replaying all  : process ready in {coldStart,6:N0} ms, then first query?after={head:N0} answer in {cold,6:N0} ms");
        print($"first answer after ready: {cold / Math.Max(1, warm):F1}x faster from checkpoint; including process start: {(coldStart + cold) / Math.Max(1, warmStart + warm):F1}x");
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

    private static async Task<long> FillAsync(HttpClient http, string logId, int events)
    {
        long last = 0;
        var body = new { events = Enumerable.Range(0, 100).Select(i => Convert.ToBase64String(Encoding.UTF8.GetBytes($"{{\"n\":{i}}}"))).ToArray() };
        for (var sent = 0; sent < events; sent += 100)
        {
            using var response = await http.PostAsJsonAsync(Path($"/logs/{logId}/append-batch"), body);
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
