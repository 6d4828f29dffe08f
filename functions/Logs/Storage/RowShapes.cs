using System.Collections.Concurrent;

namespace Primatomic.Functions.Logs.Storage;

/// <summary>What the fullest row of a log held when it was last read: events and payload bytes.</summary>
internal readonly record struct RowShape(double EventsPerRow, double BytesPerRow);

/// <summary>
/// The row shape each log showed on its last read, so the next read (a replica's next step, a tailing client's next
/// page) asks storage for the right number of rows at once instead of starting from a guess. Only a hint: a wrong one
/// costs a round trip or a few rows, never correctness. Cleared when it holds 100,000 logs, so memory stays bounded.
/// </summary>
internal sealed class RowShapes
{
    private const int MaxLogs = 100_000;
    private readonly ConcurrentDictionary<string, RowShape> _shapes = new(StringComparer.Ordinal);

    public RowShape? Find(string logId) => _shapes.TryGetValue(logId, out var shape) ? shape : null;

    public void Remember(string logId, RowShape shape)
    {
        if (_shapes.Count >= MaxLogs)
        {
            _shapes.Clear();
        }

        _shapes[logId] = shape;
    }
}
