using System.Text.Json;
using System.Text.RegularExpressions;
using Primatomic.Tests.Infrastructure;
using Primatomic.Tests.Views;

namespace Primatomic.Tests.Logs;

/// <summary>
/// Every timestamp in the answers of the logs and views routes is ISO 8601 UTC with milliseconds
/// (<c>2026-11-30T13:35:00.123Z</c>); the one documented exception is the Primatomic-compatible view stats
/// <c>created_at</c>, in Unix seconds.
/// </summary>
public sealed partial class TimestampFormatTests : TenantApiTests
{
    [Fact]
    public async Task Every_timestamp_in_logs_and_views_answers_is_iso_8601_utc()
    {
        var name = "stamps-" + Guid.NewGuid().ToString("N")[..8];
        var answers = new List<(string Route, JsonElement Body)>();
        async Task<JsonElement> Keep(string route, HttpResponseMessage response)
        {
            using (response)
            {
                Assert.True(response.IsSuccessStatusCode, $"{route}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                var body = await response.ReadJsonAsync();
                answers.Add((route, body));
                return body;
            }
        }

        var logId = (await Keep("POST /logs/{name}", await Client.PostAsync(LogsHttp.Path($"/logs/{name}"), null))).GetProperty("log_id").GetString()!;
        await Keep("POST append", await Client.AppendAsync(logId, [1]));
        await Keep("POST append-batch", await Client.AppendBatchAsync(logId, [[2], [3]]));
        await Keep("GET events", await Client.GetAsync(LogsHttp.Path($"/logs/{logId}/events")));
        await Keep("GET /logs", await Client.GetAsync(LogsHttp.Path("/logs")));
        await Keep("GET /logs?name", await Client.GetAsync(LogsHttp.Path($"/logs?name={name}")));
        await Keep("GET /logs/{id}", await Client.GetAsync(LogsHttp.Path($"/logs/{logId}")));
        await Client.DeployOkAsync(logId, "counter", WatFixtures.Binary("counter"));
        await Keep("GET views", await Client.GetAsync(LogsHttp.Path($"/logs/{logId}/views")));
        var stats = await Keep("GET stats", await Client.GetAsync(LogsHttp.Path($"/logs/{logId}/views/counter/stats")));

        var checkedStamps = 0;
        foreach (var (route, body) in answers)
        {
            checkedStamps += CheckTimestamps(route, body, route == "GET stats");
        }

        Assert.True(checkedStamps >= 7, $"only {checkedStamps} timestamps seen");
        Assert.Equal(JsonValueKind.Number, stats.GetProperty("created_at").ValueKind);
        var created = DateTimeOffset.FromUnixTimeSeconds(stats.GetProperty("created_at").GetInt64());
        Assert.True(created > DateTimeOffset.UtcNow.AddMinutes(-5));
    }

    /// <summary>
    /// Checks every field named like a timestamp, and every string shaped like a date, at any depth; answers how many
    /// timestamps it saw.
    /// </summary>
    private static int CheckTimestamps(string route, JsonElement element, bool isStats, string? property = null)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                return element.EnumerateObject().Sum(p => CheckTimestamps(route, p.Value, isStats, p.Name));
            case JsonValueKind.Array:
                return element.EnumerateArray().Sum(item => CheckTimestamps(route, item, isStats, property));
            case JsonValueKind.String when property is not null && (property.EndsWith("_at", StringComparison.Ordinal) || LooksLikeDate().IsMatch(element.GetString()!)):
                Assert.True(Iso8601Utc().IsMatch(element.GetString()!), $"{route}: {property} = {element.GetString()}");
                return 1;
            case JsonValueKind.Number when property is not null && property.EndsWith("_at", StringComparison.Ordinal):
                Assert.True(isStats && property == "created_at", $"{route}: {property} is a number, not ISO 8601");
                return 0;
            default:
                return 0;
        }
    }

    [GeneratedRegex(@"\A\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z\z")]
    private static partial Regex Iso8601Utc();

    [GeneratedRegex(@"\A\d{4}-\d{2}-\d{2}")]
    private static partial Regex LooksLikeDate();
}
