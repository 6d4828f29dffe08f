using Azure;
using Azure.Data.Tables;

namespace Primatomic.Functions.Logs.Storage;

/// <summary>
/// Reads of the events table (partition = log id): the head row, single rows (markers, segment main rows) and
/// event pages. Writes happen only as whole commit transactions, in <see cref="LogWriter"/>.
/// </summary>
internal sealed class EventTable(TableClient table)
{
    public TableClient Client => table;

    public async Task<HeadState> ReadHeadAsync(string logId, CancellationToken cancellationToken)
    {
        var row = await ReadRowAsync(logId, Segments.HeadRowKey, cancellationToken);
        return row is null ? HeadState.Missing : new HeadState(row.GetInt64("Head") ?? 0, row.ETag, row.GetString("LastCommit"));
    }

    public async Task<TableEntity?> ReadRowAsync(string logId, string rowKey, CancellationToken cancellationToken)
    {
        var response = await table.GetEntityIfExistsAsync<TableEntity>(logId, rowKey, cancellationToken: cancellationToken);
        return response.HasValue ? response.Value : null;
    }

    /// <summary>
    /// Events with sequence &gt; <paramref name="after"/>, at most <paramref name="limit"/> of them and, beyond the
    /// first, no more than <paramref name="maxBytes"/> of payload. Rows are fetched in small pages first, so a page of
    /// large events never pulls far more from storage than it returns.
    /// </summary>
    public async Task<EventPage> ReadEventsAsync(string logId, long after, int limit, int maxBytes, CancellationToken cancellationToken)
    {
        var events = new List<StoredEvent>();
        var bytes = 0L;
        var assembler = new SegmentAssembler();
        var fromKey = Segments.RowKey(after + 1);
        var inclusive = true;
        var pageSize = Math.Min(limit + 1, 16);
        long rowsRead = 0, rowBytes = 0;
        string? continuation = null;
        while (true)
        {
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

                return new EventPage(events, events.Count > 0 ? events[^1].Sequence : after);
            }

            continuation = null;

            foreach (var row in page.Values)
            {
                rowsRead++;
                rowBytes += Segments.ApproximateSize(row);
                foreach (var stored in assembler.Add(row))
                {
                    if (stored.Sequence <= after)
                    {
                        continue;
                    }

                    if (events.Count >= limit || (events.Count > 0 && bytes + stored.Data.Length > maxBytes))
                    {
                        return new EventPage(events, events[^1].Sequence);
                    }

                    events.Add(stored);
                    bytes += stored.Data.Length;
                }
            }

            if (page.ContinuationToken is null || events.Count >= limit)
            {
                return new EventPage(events, events.Count > 0 ? events[^1].Sequence : after);
            }

            fromKey = page.Values[^1].RowKey;
            inclusive = false;
            // Size the next storage page by what rows have cost so far and what the answer still has room for.
            var averageRow = Math.Max(1, rowBytes / rowsRead);
            pageSize = (int)Math.Clamp((maxBytes - bytes) / averageRow + 2, 2, Math.Max(2, Math.Min(500, limit - events.Count + 2)));
        }
    }
}
