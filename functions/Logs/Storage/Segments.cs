using System.Buffers.Binary;
using System.Globalization;
using Azure.Data.Tables;

namespace Primatomic.Functions.Logs.Storage;

/// <summary>
/// The row layout of a segment: the events of one commit, packed together. The main row is keyed by the segment's
/// last sequence, so the segment holding sequence s is the first row at or after <c>"e:" + s</c>; payload beyond the
/// main row continues in part rows that sort right after it.
/// </summary>
internal static class Segments
{
    public const string HeadRowKey = "h";
    public const string EventRowPrefix = "e:";

    /// <summary>Just past every event row key (';' follows ':'), for range queries.</summary>
    public const string EventRowEnd = "e;";

    private const int MainRowCapacity = LogLimits.MainRowDataProperties * LogLimits.PropertyBytes;
    private const int PartRowCapacity = LogLimits.PartRowDataProperties * LogLimits.PropertyBytes;

    public static string RowKey(long lastSequence) =>
        EventRowPrefix + lastSequence.ToString("D19", CultureInfo.InvariantCulture);

    public static string PartRowKey(long lastSequence, int part) =>
        RowKey(lastSequence) + ":" + part.ToString("D3", CultureInfo.InvariantCulture);

    public static bool IsMainRow(string rowKey) => rowKey.Length == EventRowPrefix.Length + 19;

    public static string DataProperty(int index) => "D" + index.ToString("D2", CultureInfo.InvariantCulture);

    /// <summary>How many rows a segment of <paramref name="payloadBytes"/> needs.</summary>
    public static int RowCount(long payloadBytes) => payloadBytes <= MainRowCapacity
        ? 1
        : 1 + (int)((payloadBytes - MainRowCapacity + PartRowCapacity - 1) / PartRowCapacity);

    /// <summary>Payload bytes a row carries, for sizing read pages.</summary>
    public static long ApproximateSize(TableEntity row) =>
        row.Sum(property => property.Value is byte[] bytes ? (long)bytes.Length : 16);

    /// <summary>The rows of one commit; its keyed appends' <paramref name="markers"/> ride in the main row.</summary>
    public static List<TableEntity> Build(string logId, long firstSequence, IReadOnlyList<byte[]> events, string commitId,
        DateTimeOffset committedAt, IReadOnlyList<KeyMarker>? markers = null)
    {
        var total = events.Sum(e => (long)e.Length);
        var payload = new byte[total];
        var lens = new byte[events.Count * sizeof(int)];
        var offset = 0;
        for (var i = 0; i < events.Count; i++)
        {
            events[i].CopyTo(payload, offset);
            offset += events[i].Length;
            BinaryPrimitives.WriteInt32LittleEndian(lens.AsSpan(i * sizeof(int)), events[i].Length);
        }

        var last = firstSequence + events.Count - 1;
        var main = new TableEntity(logId, RowKey(last))
        {
            ["First"] = firstSequence,
            ["Last"] = last,
            ["Lens"] = lens,
            ["At"] = committedAt,
            ["Commit"] = commitId,
        };
        if (markers is { Count: > 0 })
        {
            // At most 1,000 markers (40 KB): with Lens (4 KB) they fit the 128 KiB the main row leaves under 1 MiB.
            main[KeyMarker.KeysProperty] = KeyMarker.Encode(markers);
            main[KeyMarker.CountProperty] = markers.Count;
        }

        var rows = new List<TableEntity> { main };
        var position = Fill(main, payload, 0, LogLimits.MainRowDataProperties);
        while (position < payload.Length)
        {
            var part = new TableEntity(logId, PartRowKey(last, rows.Count));
            position = Fill(part, payload, position, LogLimits.PartRowDataProperties);
            rows.Add(part);
        }

        main["Parts"] = rows.Count - 1;
        return rows;
    }

    private static int Fill(TableEntity row, byte[] payload, int position, int properties)
    {
        for (var i = 0; i < properties && position < payload.Length; i++)
        {
            var length = Math.Min(LogLimits.PropertyBytes, payload.Length - position);
            row[DataProperty(i)] = payload.AsSpan(position, length).ToArray();
            position += length;
        }

        return position;
    }
}
