using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Primatomic.Tests.Logs;
using Primatomic.Tests.Infrastructure;

namespace Primatomic.Tests.Views;

/// <summary>HTTP helpers for the views API tests.</summary>
internal static class ViewsHttp
{
    public static async Task<HttpResponseMessage> DeployAsync(this HttpClient client, string logId, string viewName, byte[] component)
    {
        using var content = new ByteArrayContent(component);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        return await client.PostAsync(LogsHttp.Path($"/logs/{logId}/views/{viewName}"), content);
    }

    public static async Task<JsonElement> DeployOkAsync(this HttpClient client, string logId, string viewName, byte[] component)
    {
        using var response = await client.DeployAsync(logId, viewName, component);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var body = await response.ReadJsonAsync();
        Assert.True(body.GetProperty("success").GetBoolean());
        return body;
    }

    public static async Task<HttpResponseMessage> QueryAsync(this HttpClient client, string logId, string viewName, long? after = null)
    {
        using var content = new ByteArrayContent([]);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        return await client.PostAsync(LogsHttp.Path($"/logs/{logId}/views/{viewName}/query{(after is null ? "" : $"?after={after}")}"), content);
    }

    public static async Task<string> QueryTextAsync(this HttpClient client, string logId, string viewName, long? after = null)
    {
        using var response = await client.QueryAsync(logId, viewName, after);
        var body = await response.Content.ReadAsByteArrayAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, Encoding.UTF8.GetString(body));
        Assert.Equal("application/octet-stream", response.Content.Headers.ContentType?.MediaType);
        return Encoding.UTF8.GetString(body);
    }

    public static async Task<JsonElement> StatsAsync(this HttpClient client, string logId, string viewName)
    {
        using var response = await client.GetAsync(LogsHttp.Path($"/logs/{logId}/views/{viewName}/stats"));
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.ReadJsonAsync();
    }

    /// <summary>Polls stats until a leader is processing the view, as the quickstart does.</summary>
    public static async Task<JsonElement> WaitForLeaderAsync(this HttpClient client, string logId, string viewName, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (true)
        {
            var stats = await client.StatsAsync(logId, viewName);
            if (stats.GetProperty("leader_status").GetString() == "ready")
            {
                return stats;
            }

            Assert.True(DateTime.UtcNow < deadline, $"No leader for {viewName} in time: {stats}");
            await Task.Delay(50);
        }
    }

    public static async Task<long> AppendManyAsync(this HttpClient client, string logId, int count)
    {
        long last = 0;
        for (var sent = 0; sent < count; sent += 100)
        {
            var events = Enumerable.Range(0, Math.Min(100, count - sent)).Select(i => Encoding.UTF8.GetBytes($"{{\"n\":{sent + i}}}"));
            using var response = await client.AppendBatchAsync(logId, events);
            Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
            last = (await response.ReadJsonAsync()).GetProperty("last_sequence").GetInt64();
        }

        return last;
    }
}
