using System.Text.Json;

namespace Primatomic.Tests.Fanout;

/// <summary>One publish request as the listener saw it.</summary>
internal sealed record RecordedRequest(string Method, Uri Url, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    public string? PartitionKeyHeader => Headers.TryGetValue("BrokerProperties", out var value)
        ? JsonDocument.Parse(value).RootElement.GetProperty("PartitionKey").GetString()
        : null;

    /// <summary>The batch's messages: each one's partition key (from its BrokerProperties) and its decoded payload.</summary>
    public List<(string? PartitionKey, JsonElement UserProperties, JsonElement Payload)> Messages()
    {
        using var batch = JsonDocument.Parse(Body);
        return [.. batch.RootElement.EnumerateArray().Select(m => (
            m.TryGetProperty("BrokerProperties", out var broker) ? broker.GetProperty("PartitionKey").GetString() : null,
            m.GetProperty("UserProperties").Clone(),
            JsonDocument.Parse(m.GetProperty(nameof(Body)).GetString()!).RootElement.Clone()))];
    }

    /// <summary>Every (sequence, data or null for a reference) the request carries, in order.</summary>
    public List<(long Sequence, byte[]? Data)> Events() =>
        [.. Messages().SelectMany(m => m.Payload.GetProperty("events").EnumerateArray()).Select(e => (
            e.GetProperty("sequence").GetInt64(),
            e.TryGetProperty("data", out var data) ? data.GetBytesFromBase64() : null))];
}
