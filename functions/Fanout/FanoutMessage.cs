using System.Diagnostics;
using System.Text.Encodings.Web;
using System.Text.Json;
using Primatomic.Functions.Hosting.Telemetry;
using Primatomic.Functions.Logs.Storage;

namespace Primatomic.Functions.Fanout;

/// <summary>
/// The body of one Event Hubs event: consecutive committed events of one log, as UTF-8 JSON
/// <c>{"tenant_id":"…","log_id":"…","events":[{"sequence":7,"data":"&lt;base64&gt;","appended_at":"…"},{"sequence":8}]}</c>.
/// An entry without <c>data</c> is a reference to an event too large to publish. An optional
/// <c>"traceparents":["00-…-…-01"]</c> carries the W3C trace contexts of the commits it holds (at most
/// <see cref="TraceContexts.MaxLinks"/>), so the receiving instance's applies join those traces.
/// </summary>
public sealed record FanoutMessage(string? TenantId, string LogId, IReadOnlyList<FanoutEvent> Events, IReadOnlyList<ActivityContext>? Traces = null)
{
    /// <summary>Base64 has '+' and '/': the relaxed encoder leaves them as they are (6 bytes each otherwise).</summary>
    public static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public byte[] ToJson()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, WriterOptions))
        {
            json.WriteStartObject();
            if (TenantId is not null)
            {
                json.WriteString("tenant_id", TenantId);
            }

            json.WriteString("log_id", LogId);
            json.WriteStartArray("events");
            foreach (var e in Events)
            {
                json.WriteStartObject();
                json.WriteNumber("sequence", e.Sequence);
                if (e.Data is not null)
                {
                    json.WriteBase64String("data", e.Data);
                }

                if (e.AppendedAt is { } at)
                {
                    json.WriteString("appended_at", at);
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
            if (Traces is { Count: > 0 })
            {
                json.WriteStartArray("traceparents");
                foreach (var trace in Traces)
                {
                    json.WriteStringValue(TraceContexts.ToTraceparent(trace));
                }

                json.WriteEndArray();
            }

            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <summary>Reads a message; null with a reason for anything that is not exactly this shape.</summary>
    public static FanoutMessage? TryParse(JsonElement root, out string? problem)
    {
        problem = null;
        if (root.ValueKind != JsonValueKind.Object)
        {
            problem = "the message is not a JSON object";
            return null;
        }

        var tenant = root.TryGetProperty("tenant_id", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
        if (!root.TryGetProperty("log_id", out var log) || log.ValueKind != JsonValueKind.String || !Guid.TryParseExact(log.GetString(), "D", out var logId))
        {
            problem = "log_id is missing or not a log id";
            return null;
        }

        if (!root.TryGetProperty("events", out var items) || items.ValueKind != JsonValueKind.Array)
        {
            problem = "events is missing or not an array";
            return null;
        }

        var events = new List<FanoutEvent>(items.GetArrayLength());
        foreach (var item in items.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object || !item.TryGetProperty("sequence", out var s) || !s.TryGetInt64(out var sequence) || sequence < 1)
            {
                problem = "an event has no positive sequence";
                return null;
            }

            byte[]? data = null;
            if (item.TryGetProperty("data", out var d) && (d.ValueKind != JsonValueKind.String || !d.TryGetBytesFromBase64(out data)))
            {
                problem = $"event {sequence} has data that is not base64";
                return null;
            }

            DateTimeOffset? at = item.TryGetProperty("appended_at", out var a) && a.ValueKind == JsonValueKind.String && a.TryGetDateTimeOffset(out var parsed)
                ? parsed
                : null;
            events.Add(new FanoutEvent(sequence, data, at));
        }

        return new FanoutMessage(tenant, logId.ToString("D"), events, Traceparents(root));
    }

    /// <summary>The valid trace contexts of <c>traceparents</c>; anything else there is ignored, never a reason to skip the events.</summary>
    private static IReadOnlyList<ActivityContext> Traceparents(JsonElement root)
    {
        if (!root.TryGetProperty("traceparents", out var items) || items.ValueKind != JsonValueKind.Array)
        {
            return [];
        }

        var contexts = new List<ActivityContext>();
        foreach (var item in items.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.String && TraceContexts.TryParse(item.GetString(), out var context))
            {
                contexts.Add(context);
            }
        }

        return TraceContexts.Merge(contexts);
    }

    public static FanoutEvent From(StoredEvent stored) => new(stored.Sequence, stored.Data, stored.AppendedAt);
}
