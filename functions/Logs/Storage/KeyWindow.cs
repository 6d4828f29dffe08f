namespace Primatomic.Functions.Logs.Storage;

/// <summary>Where a remembered key's append landed and what body it carried.</summary>
internal readonly record struct KeyEntry(UInt128 Body, long First, long Last);

/// <summary>
/// The idempotency keys one writer remembers for its log: every keyed append committed at sequences from
/// <see cref="From"/> through <see cref="CoveredThrough"/>, by anyone, minus what the window let go (older than its
/// span, or beyond its key cap). Only the writer's loop touches it. A commit is conditional on the head version the
/// window was brought up to, so "not in the window" proves the key is new (see docs/storage.md).
/// </summary>
internal sealed class KeyWindow(KeyWindowSettings settings, LogStorageCounters counters)
{
    private readonly Dictionary<UInt128, KeyEntry> _keys = [];
    private readonly Queue<(long First, DateTimeOffset At, UInt128[] Keys)> _commits = new();

    /// <summary>False until the writer first needs keys; then it reads them from storage (<see cref="KeyWindowLoader"/>).</summary>
    public bool Loaded { get; set; }

    /// <summary>The head sequence through which every keyed commit is in the window.</summary>
    public long CoveredThrough { get; set; }

    /// <summary>The log holds per-key <c>i:</c> markers of the scheme before this one, which are still honoured.</summary>
    public bool HasLegacyMarkers { get; set; }

    public int Count => _keys.Count;

    /// <summary>First sequence of the oldest remembered commit, or <paramref name="next"/> when none is remembered.</summary>
    public long From(long next) => _commits.TryPeek(out var oldest) ? oldest.First : next;

    public KeyEntry? Find(UInt128 key) => _keys.TryGetValue(key, out var entry) ? entry : null;

    /// <summary>Remembers the markers of the segment that starts at <paramref name="first"/>, then keeps to the key cap.</summary>
    public void Add(long first, DateTimeOffset at, IReadOnlyList<KeyMarker> markers)
    {
        var added = new List<UInt128>(markers.Count);
        foreach (var marker in markers)
        {
            // The first commit of a key is its original; a later one could only come from a writer outside this scheme.
            if (_keys.TryAdd(marker.Key, new KeyEntry(marker.Body, first + marker.Offset, first + marker.Offset + marker.Count - 1)))
            {
                added.Add(marker.Key);
            }
        }

        if (added.Count > 0)
        {
            _commits.Enqueue((first, at, [.. added]));
        }

        // Whole commits go, oldest first, and only while the last MaxKeys keys stay: the promise is "at least".
        while (_commits.TryPeek(out var oldest) && _keys.Count - oldest.Keys.Length >= settings.MaxKeys)
        {
            Drop();
            if (oldest.At > DateTimeOffset.UtcNow - settings.Span)
            {
                counters.EvictedEarly(oldest.Keys.Length);
            }
        }
    }

    /// <summary>Forgets commits older than the span (by the committing instance's clock, recorded in the segment).</summary>
    public void Expire(DateTimeOffset now)
    {
        while (_commits.TryPeek(out var oldest) && oldest.At < now - settings.Span)
        {
            Drop();
        }
    }

    private void Drop()
    {
        foreach (var key in _commits.Dequeue().Keys)
        {
            _keys.Remove(key);
        }
    }
}
