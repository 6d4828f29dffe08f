using System.Text;
using System.Text.Json;
using Primatomic.Functions.Hosting.Telemetry;
using Primatomic.Functions.Logs.Storage;

namespace Primatomic.Functions.Fanout.EventHubs;

/// <summary>
/// One REST batch send: events of one log (one partition key), as the JSON array
/// <c>[{"Body":"&lt;message json&gt;","BrokerProperties":{"PartitionKey":"&lt;log id&gt;"},"UserProperties":{…}}]</c>.
/// </summary>
public sealed record Publication(string LogId, byte[] Body, int Events, int References, IReadOnlyList<System.Diagnostics.ActivityContext> Traces)
{
    /// <summary>
    /// Event Hubs Standard/Premium take at most 1 MB per publication; stay a margin under it (the service's count
    /// differs a little from the HTTP body's).
    /// </summary>
    public const int MaxBytes = 1_000_000;

    /// <summary>Events go into Event Hubs events of about this size, so a receiver's batch stays moderate.</summary>
    public const int MessageTargetBytes = 256 * 1024;

    // Upper bounds of what JSON adds around the base64 of one event and around one message (keys, quotes that are
    // escaped again inside "Body", sequence, timestamp, partition key and user properties).
    private const string BodyProperty = "Body";
    private const int EventOverhead = 128;
    private const int MessageOverhead = 512;

    /// <summary>Room for one message's traceparents (each 55 characters, quoted and escaped inside "Body").</summary>
    private const int TracesOverhead = TraceContexts.MaxLinks * 72 + 32;

    /// <summary>
    /// Splits one log's committed events, in order, into publications of at most <see cref="MaxBytes"/>. Each message
    /// carries the trace contexts of the commits (<paramref name="traces"/>) whose events it holds.
    /// </summary>
    public static List<Publication> Build(string? tenantId, string logId, IReadOnlyList<StoredEvent> events,
        IReadOnlyList<CommitTrace>? traces = null)
    {
        traces ??= [];
        var ids = 6 * 3 * (Encoding.UTF8.GetByteCount(logId) + Encoding.UTF8.GetByteCount(tenantId ?? ""))
            + (traces.Count > 0 ? TracesOverhead : 0);
        var publications = new List<Publication>();
        var messages = new List<FanoutMessage>();
        var message = new List<FanoutEvent>();
        long publicationBytes = 2, messageBytes = 0;

        void CloseMessage()
        {
            if (message.Count > 0)
            {
                messages.Add(new FanoutMessage(tenantId, logId, message, CommitTrace.Covering(traces, message[0].Sequence, message[^1].Sequence)));
                message = [];
                messageBytes = 0;
            }
        }

        void ClosePublication()
        {
            CloseMessage();
            if (messages.Count > 0)
            {
                publications.Add(Serialize(logId, tenantId, messages));
                messages = [];
                publicationBytes = 2;
            }
        }

        foreach (var stored in events)
        {
            var entry = FanoutMessage.From(stored);
            long size = 4L * ((stored.Data.Length + 2) / 3) + EventOverhead;
            if (size + MessageOverhead + ids + 2 > MaxBytes)
            {
                // Too large for any publication: receivers read it from the log.
                entry = entry with { Data = null };
                size = EventOverhead;
            }

            var opening = message.Count == 0 ? MessageOverhead + ids : 0;
            if (publicationBytes + opening + size > MaxBytes)
            {
                ClosePublication();
                opening = MessageOverhead + ids;
            }
            else if (message.Count > 0 && messageBytes + size > MessageTargetBytes)
            {
                CloseMessage();
                opening = MessageOverhead + ids;
            }

            message.Add(entry);
            messageBytes += size;
            publicationBytes += opening + size;
        }

        ClosePublication();
        return publications;
    }

    private static Publication Serialize(string logId, string? tenantId, List<FanoutMessage> messages)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, FanoutMessage.WriterOptions))
        {
            json.WriteStartArray();
            foreach (var message in messages)
            {
                json.WriteStartObject();
                json.WriteString(BodyProperty, Encoding.UTF8.GetString(message.ToJson()));
                // In a batch, broker properties travel per message in the body (headers are ignored for batches).
                json.WriteStartObject("BrokerProperties");
                json.WriteString("PartitionKey", logId);
                json.WriteEndObject();
                json.WriteStartObject("UserProperties");
                if (tenantId is not null)
                {
                    json.WriteString("tenant_id", tenantId);
                }

                json.WriteString("log_id", logId);
                json.WriteEndObject();
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        return new Publication(logId, buffer.ToArray(), messages.Sum(m => m.Events.Count), messages.Sum(m => m.Events.Count(e => e.IsReference)),
            TraceContexts.Merge(messages.SelectMany(m => m.Traces ?? [])));
    }
}
