namespace Primatomic.Functions.Logs.Storage;

/// <summary>
/// How many rows to ask storage for next while reading a page of events. Rows are what storage serves and bills, and
/// a group-committed row holds many events, so the size follows what the rows seen so far held (events and bytes
/// per row), never the events still wanted: a page of 1,000 events from 40-event rows costs about 25 rows, not 1,000.
/// The first request is small, since nothing is known yet about the log's rows.
/// </summary>
internal sealed class RowPageSizer(int limit, long maxBytes)
{
    /// <summary>The first storage page: small, because a row may hold one event or a thousand.</summary>
    public const int FirstPageRows = 16;

    /// <summary>The Table service answers at most this many entities per page.</summary>
    public const int MaxPageRows = 1000;

    private long _rows;
    private long _rowBytes;
    private long _events;

    public long Rows => _rows;

    /// <summary>Records a row read and the events it completed (a part row completes none until its segment ends).</summary>
    public void Saw(long rowBytes, int events)
    {
        _rows++;
        _rowBytes += rowBytes;
        _events += events;
    }

    /// <summary>Rows for the next request, given the events and bytes the answer already holds.</summary>
    public int Next(int eventsHeld, long bytesHeld)
    {
        if (_rows == 0)
        {
            return Math.Min(Math.Max(limit, 1), FirstPageRows);
        }

        // Until a segment completes, rows seen hold no whole event yet: assume one per row, which never overshoots.
        var eventsPerRow = Math.Max(1.0, (double)_events / _rows);
        var byEvents = Math.Ceiling((limit - eventsHeld) / eventsPerRow);
        var bytesPerRow = Math.Max(1.0, (double)_rowBytes / _rows);
        var byBytes = Math.Ceiling(Math.Max(0, maxBytes - bytesHeld) / bytesPerRow);
        return (int)Math.Clamp(Math.Min(byEvents, byBytes), 1, MaxPageRows);
    }
}
