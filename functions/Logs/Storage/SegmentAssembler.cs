using System.Buffers.Binary;
using Azure.Data.Tables;

namespace Primatomic.Functions.Logs.Storage;

/// <summary>
/// Turns event rows, fed in row-key order, back into events: joins a segment's main and part rows and splits the
/// payload by the recorded lengths, giving back the exact bytes that were appended.
/// </summary>
internal sealed class SegmentAssembler
{
    private readonly List<byte[]> _chunks = [];
    private TableEntity? _main;
    private int _partsExpected;
    private int _partsSeen;

    /// <summary>Adds a row; returns the segment's events once its last row is in, else an empty list.</summary>
    public IReadOnlyList<StoredEvent> Add(TableEntity row)
    {
        if (Segments.IsMainRow(row.RowKey))
        {
            _main = row;
            _partsExpected = row.GetInt32("Parts") ?? 0;
            _partsSeen = 0;
            _chunks.Clear();
        }
        else if (_main is null || !row.RowKey.StartsWith(_main.RowKey, StringComparison.Ordinal))
        {
            // A part row without its main row: the range started inside a segment we already skipped.
            return [];
        }
        else
        {
            _partsSeen++;
        }

        Collect(row);
        if (_partsSeen < _partsExpected)
        {
            return [];
        }

        var events = Split(_main);
        _main = null;
        _chunks.Clear();
        return events;
    }

    private void Collect(TableEntity row)
    {
        for (var i = 0; row.TryGetValue(Segments.DataProperty(i), out var value) && value is byte[] chunk; i++)
        {
            _chunks.Add(chunk);
        }
    }

    private List<StoredEvent> Split(TableEntity main)
    {
        var lens = main.GetBinary("Lens") ?? [];
        var first = main.GetInt64("First") ?? 0;
        var at = main.GetDateTimeOffset("At") ?? DateTimeOffset.MinValue;
        var payload = Join(_chunks);
        var events = new List<StoredEvent>(lens.Length / sizeof(int));
        var offset = 0;
        for (var i = 0; i < lens.Length / sizeof(int); i++)
        {
            var length = BinaryPrimitives.ReadInt32LittleEndian(lens.AsSpan(i * sizeof(int)));
            events.Add(new StoredEvent(first + i, payload.AsSpan(offset, length).ToArray(), at));
            offset += length;
        }

        if (offset != payload.Length)
        {
            throw new InvalidDataException($"Segment {main.RowKey} of log {main.PartitionKey} is corrupt: lengths and payload disagree.");
        }

        return events;
    }

    private static byte[] Join(List<byte[]> chunks)
    {
        if (chunks.Count == 1)
        {
            return chunks[0];
        }

        var joined = new byte[chunks.Sum(c => c.Length)];
        var offset = 0;
        foreach (var chunk in chunks)
        {
            chunk.CopyTo(joined, offset);
            offset += chunk.Length;
        }

        return joined;
    }
}
