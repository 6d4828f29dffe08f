using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Primatomic.Tests.Infrastructure;

namespace Primatomic.Tests.Logs;

/// <summary>HTTP helpers for the logs API tests.</summary>
internal static class LogsHttp
{
    public static Uri Path(string path) => new(path, UriKind.Relative);

    /// <summary>Settings for a <see cref="Primatomic.Testing.ServiceProcess"/>: the test defaults, run as in production.</summary>
    public static Dictionary<string, string?> ServiceSettings(Primatomic.Testing.AzuriteProcess azurite, string prefix)
    {
        var settings = Infrastructure.ApiFactory.DefaultSettings(azurite, prefix);
        settings["ASPNETCORE_ENVIRONMENT"] = "Production";
        return settings;
    }

    public static async Task<string> CreateLogAsync(this HttpClient client, string? name = null)
    {
        using var response = await client.PostAsync(Path($"/logs/{name ?? "log-" + Guid.NewGuid().ToString("N")[..8]}"), null);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.ReadJsonAsync()).GetProperty("log_id").GetString()!;
    }

    public static async Task<HttpResponseMessage> AppendAsync(this HttpClient client, string logId, byte[] data,
        string? idempotencyKey = null, string? query = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Path($"/logs/{logId}/append{query}"))
        {
            Content = new ByteArrayContent(data),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return await client.SendAsync(request);
    }

    /// <summary>Appends and returns the acknowledged sequence, failing the test on any other answer.</summary>
    public static async Task<long> AppendOkAsync(this HttpClient client, string logId, byte[] data, string? idempotencyKey = null)
    {
        using var response = await client.AppendAsync(logId, data, idempotencyKey);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.ReadJsonAsync()).GetProperty("sequence").GetInt64();
    }

    public static Task<HttpResponseMessage> AppendBatchAsync(this HttpClient client, string logId, IEnumerable<byte[]> events,
        string? query = null) =>
        client.PostAsJsonAsync(Path($"/logs/{logId}/append-batch{query}"), new { events = events.Select(Convert.ToBase64String) });

    /// <summary>Every event of the log, paging with the largest page.</summary>
    public static async Task<List<(long Sequence, byte[] Data)>> ReadAllAsync(this HttpClient client, string logId)
    {
        var all = new List<(long, byte[])>();
        long after = 0;
        while (true)
        {
            using var response = await client.GetAsync(Path($"/logs/{logId}/events?after={after}&limit=1000"));
            Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
            var page = await response.ReadJsonAsync();
            var events = page.GetProperty("events").EnumerateArray()
                .Select(e => (e.GetProperty("sequence").GetInt64(), e.GetProperty("data").GetBytesFromBase64())).ToList();
            if (events.Count == 0)
            {
                return all;
            }

            all.AddRange(events);
            after = page.GetProperty("next_after").GetInt64();
        }
    }
}
