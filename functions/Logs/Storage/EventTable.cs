using Azure;
using Azure.Data.Tables;

namespace Primatomic.Functions.Logs.Storage;

/// <summary>
/// Reads of the events table (partition = log id): the head row, single rows (markers, segment main rows) and
/// event pages. Writes happen only as whole commit transactions, in <see cref="LogWriter"/>.
/// </summary>
internal sealed class EventTable(TableClient table, LogStorageCounters counters)
{
    private readonly RowShapes _shapes = new();

    public TableClient Client => table;

    public LogStorageCounters Counters => counters;

    public async Task<HeadState> ReadHeadAsync(string logId, CancellationToken cancellationToken)
    {
        var row = await ReadRowAsync(logId, Segments.HeadRowKey, cancellationToken);
        return row is null
            ? HeadState.Missing
            : new HeadState(row.GetInt64("Head") ?? 0, row.ETag, row.GetString("LastCommit"), row.GetInt64(HeadState.KeysFromProperty));
    }

    public async Task<TableEntity?> ReadRowAsync(string logId, string rowKey, CancellationToken cancellationToken)
    {
        var response = await table.GetEntityIfExistsAsync<TableEntity>(logId, rowKey, cancellationToken: cancellationToken);
        return response.HasValue ? response.Value : null;
    }

    /// <summary>
    /// The idempotency markers of the keyed segments whose main rows lie in [<paramref name="from"/>'s segment,
    /// <paramref name="through"/>], oldest first. Only the marker properties travel (no payload), and the filter on
    /// <see cref="KeyMarker.CountProperty"/> leaves unkeyed segments and part rows on the server.
    /// </summary>
    public async IAsyncEnumerable<(long First, DateTimeOffset At, List<KeyMarker> Markers)> ReadKeyedSegmentsAsync(string logId,
        long from, long through, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        // The property name is part of the filter's text, not a value (CreateQueryFilter would quote it).
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {logId} and RowKey ge {Segments.RowKey(from)} and RowKey le {Segments.RowKey(through)}") +
            $" and {KeyMarker.CountProperty} gt 0";
        string[] select = ["First", "At", KeyMarker.KeysProperty];
        await foreach (var page in table.QueryAsync<TableEntity>(filter, RowPageSizer.MaxPageRows, select, cancellationToken).AsPages())
        {
            counters.LoadedKeyRows(page.Values.Count);
            foreach (var row in page.Values)
            {
                yield return (row.GetInt64("First") ?? 0, row.GetDateTimeOffset("At") ?? DateTimeOffset.MinValue,
                    KeyMarker.Decode(row.GetBinary(KeyMarker.KeysProperty) ?? []));
            }
        }
    }

    /// <summary>Whether the log has per-key <c>i:</c> markers of the earlier scheme (one small query).</summary>
    public async Task<bool> HasLegacyMarkersAsync(string logId, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {logId} and RowKey ge {"i:"} and RowKey lt {"i;"}");
        await foreach (var page in table.QueryAsync<TableEntity>(filter, 1, ["RowKey"], cancellationToken).AsPages())
        {
            if (page.Values.Count > 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Events with sequence &gt; <paramref name="after"/>, at most <paramref name="limit"/> of them and, beyond the
    /// first, no more than <paramref name="maxBytes"/> of payload. Storage pages are sized in rows by
    /// <see cref="RowPageSizer"/>, so a page costs about the rows that hold its events (plus the one it ends inside).
    /// </summary>
    public async Task<EventPage> ReadEventsAsync(string logId, long after, int limit, int maxBytes, CancellationToken cancellationToken)
    {
        var events = new List<StoredEvent>();
        var sizer = new RowPageSizer(limit, maxBytes, _shapes.Find(logId));
        try
        {
            return await ReadEventsAsync(logId, after, limit, maxBytes, events, sizer, cancellationToken);
        }
        finally
        {
            counters.Read(sizer.RowsFetched, events.Count);
            if (sizer.Shape is { } shape)
            {
                _shapes.Remember(logId, shape);
            }
        }
    }

    private async Task<EventPage> ReadEventsAsync(string logId, long after, int limit, int maxBytes, List<StoredEvent> events,
        RowPageSizer sizer, CancellationToken cancellationToken)
    {
        var bytes = 0L;
        var assembler = new SegmentAssembler();
        var fromKey = Segments.RowKey(after + 1);
        var inclusive = true;
        string? continuation = null;
        while (true)
        {
            var pageSize = sizer.Next(events.Count, bytes);
            var filter = inclusive
                ? TableClient.CreateQueryFilter($"PartitionKey eq {logId} and RowKey ge {fromKey} and RowKey lt {Segments.EventRowEnd}")
                : TableClient.CreateQueryFilter($"PartitionKey eq {logId} and RowKey gt {fromKey} and RowKey lt {Segments.EventRowEnd}");
            Page<TableEntity>? page = null;
            await foreach (var p in table.QueryAsync<TableEntity>(filter, pageSize, cancellationToken: cancellationToken).AsPages(continuation, pageSize))
            {
                page = p;
                break;
            }

            if (page is null || page.Values.Count == 0)
            {
                if (page?.ContinuationToken is { } next)
                {
                    // The Table service may answer an empty page that is not the end; only a missing token is.
                    continuation = next;
                    continue;
                }

                return Page(events, after, sizer);
            }

            continuation = null;
            sizer.Fetched(page.Values.Count);
            foreach (var row in page.Values)
            {
                var segment = assembler.Add(row);
                sizer.Saw(Segments.ApproximateSize(row), segment.Count);
                foreach (var stored in segment)
                {
                    if (stored.Sequence <= after)
                    {
                        continue;
                    }

                    if (events.Count >= limit || (events.Count > 0 && bytes + stored.Data.Length > maxBytes))
                    {
                        return Page(events, after, sizer);
                    }

                    events.Add(stored);
                    bytes += stored.Data.Length;
                }
            }

            if (page.ContinuationToken is null || events.Count >= limit)
            {
                return Page(events, after, sizer);
            }

            fromKey = page.Values[^1].RowKey;
            inclusive = false;
        }
    }

    private static EventPage Page(List<StoredEvent> events, long after, RowPageSizer sizer) =>
        new(events, events.Count > 0 ? events[^1].Sequence : after, sizer.RowsFetched);
}
