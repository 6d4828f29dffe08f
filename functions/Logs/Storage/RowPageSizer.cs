namespace Primatomic.Functions.Logs.Storage;

/// <summary>
/// How many rows to ask storage for next while reading a page of events. Rows are what storage serves and bills, and
/// a group-committed row holds many events, so the size follows what rows hold, never the events still wanted: a page
/// of 1,000 events from 40-event rows costs about 25 rows, not 1,000. The estimate is the fullest row seen (in this
/// read, else in the log's last read): asking too few rows costs another request, asking too many costs rows nobody
/// returns, so it errs towards too few. Growth is at most twofold per request, which bounds the waste when a log's
/// rows get fuller than anything seen yet.
/// </summary>
internal sealed class RowPageSizer(int limit, long maxBytes, RowShape? hint = null)
{
    /// <summary>The largest first storage page of a log never read before.</summary>
    public const int FirstPageRows = 16;

    /// <summary>The Table service answers at most this many entities per page.</summary>
    public const int MaxPageRows = 1000;

    private long _fetched;
    private int _rowsInSegment;
    private double _eventsPerRow;
    private double _bytesPerRow;

    /// <summary>Rows storage returned to this read, used or not: what the read cost.</summary>
    public long RowsFetched => _fetched;

    /// <summary>The fullest rows this read saw, once it has seen a whole segment (null before).</summary>
    public RowShape? Shape => _eventsPerRow == 0 ? null : new RowShape(_eventsPerRow, _bytesPerRow);

    /// <summary>Records a storage page's rows, before they are looked at.</summary>
    public void Fetched(int rows) => _fetched += rows;

    /// <summary>Records a row looked at and the events it completed (a part row completes none until its segment ends).</summary>
    public void Saw(long rowBytes, int events)
    {
        _rowsInSegment++;
        _bytesPerRow = Math.Max(_bytesPerRow, rowBytes);
        if (events > 0)
        {
            _eventsPerRow = Math.Max(_eventsPerRow, (double)events / _rowsInSegment);
            _rowsInSegment = 0;
        }
    }

    /// <summary>Rows for the next request, given the events and bytes the answer already holds.</summary>
    public int Next(int eventsHeld, long bytesHeld)
    {
        if (_fetched == 0 && hint is null)
        {
            // Rows may hold one event or a thousand: the square root of the limit wastes little either way (4 rows for
            // 16 events, 16 for 1,000), and twofold growth reaches one-event rows in a few requests.
            return (int)Math.Clamp(Math.Ceiling(Math.Sqrt(limit)), 1, FirstPageRows);
        }

        // Until a segment completes, assume one event per row (a large event spans rows; the bytes bound then rules).
        var eventsPerRow = Math.Max(1.0, Math.Max(_eventsPerRow, hint?.EventsPerRow ?? 0));
        var bytesPerRow = Math.Max(1.0, Math.Max(_bytesPerRow, hint?.BytesPerRow ?? 0));
        var byEvents = Math.Ceiling((limit - eventsHeld) / eventsPerRow);
        var byBytes = Math.Ceiling(Math.Max(0, maxBytes - bytesHeld) / bytesPerRow);
        var wanted = Math.Min(byEvents, byBytes);
        if (_fetched > 0)
        {
            wanted = Math.Min(wanted, 2 * _fetched + 1);
        }

        return (int)Math.Clamp(wanted, 1, MaxPageRows);
    }
}
