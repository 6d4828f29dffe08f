using Azure.Data.Tables;

namespace Primatomic.Functions.Logs.Storage;

/// <summary>
/// A writer's idempotency: keeps its <see cref="KeyWindow"/> up to the head a commit is based on, answers appends
/// whose key committed before, and remembers the commits that land. The markers themselves ride in segment rows, so
/// a retry is recognised by reading them back: all of them once when the writer first needs keys (from the head's
/// <c>KeysFrom</c>), then only the segments other writers committed since. Only the writer's loop calls this.
/// </summary>
internal sealed class KeyedAppends(string logId, EventTable table, KeyWindowSettings settings)
{
    private readonly KeyWindow _window = new(settings, table.Counters);

    /// <summary>Keys remembered now (for tests and stats).</summary>
    public int Count => _window.Count;

    /// <summary>
    /// Brings the window up to <paramref name="head"/>: afterwards every keyed append committed through its sequence
    /// (and still inside the window) is known. The next commit is conditional on that head version, so no key can
    /// commit unseen in between.
    /// </summary>
    public async Task CatchUpAsync(HeadState head)
    {
        long from;
        if (!_window.Loaded)
        {
            _window.HasLegacyMarkers = await table.HasLegacyMarkersAsync(logId, CancellationToken.None);
            from = head.WindowStart;
        }
        else if (_window.CoveredThrough >= head.Head)
        {
            _window.Expire(DateTimeOffset.UtcNow);
            return;
        }
        else
        {
            from = _window.CoveredThrough + 1;
        }

        if (from <= head.Head)
        {
            await foreach (var (first, at, markers) in table.ReadKeyedSegmentsAsync(logId, from, head.Head))
            {
                _window.Add(first, at, markers);
            }
        }

        // Only a complete read counts: after a failure the same range is read again (adding a key twice is harmless).
        _window.CoveredThrough = head.Head;
        _window.Loaded = true;
        _window.Expire(DateTimeOffset.UtcNow);
    }

    /// <summary>
    /// The answer a keyed append already has (its original sequences, or 422 for another body), or null when its key
    /// is new. Call after <see cref="CatchUpAsync"/> to the head the next commit will be based on.
    /// </summary>
    public async Task<AppendOutcome?> EarlierAnswerAsync(PendingAppend item)
    {
        if (_window.Find(item.KeyDigest) is { } entry)
        {
            return entry.Body == item.BodyDigest ? AppendOutcome.Appended(entry.First, entry.Last) : AppendOutcome.KeyReused;
        }

        if (_window.HasLegacyMarkers && await table.ReadRowAsync(logId, item.MarkerRowKey!, CancellationToken.None) is { } marker)
        {
            return FromLegacyMarker(item, marker);
        }

        return null;
    }

    /// <summary>The window start the next commit on <paramref name="baseHead"/> writes into the head.</summary>
    public long KeysFrom(HeadState baseHead) =>
        _window.Loaded && _window.CoveredThrough == baseHead.Head
            ? _window.From(baseHead.Head + 1)
            // This writer's window is not current (or was never read): keep the start another writer left.
            : baseHead.WindowStart;

    /// <summary>Remembers a landed commit's keys, if the window was current when the commit was planned.</summary>
    public void Landed(CommitAttempt attempt)
    {
        if (_window.Loaded && _window.CoveredThrough == attempt.BaseHead.Head)
        {
            _window.Add(attempt.BaseHead.Head + 1, attempt.CommittedAt, attempt.Markers());
            _window.CoveredThrough = attempt.Last;
        }
    }

    private static AppendOutcome FromLegacyMarker(PendingAppend item, TableEntity marker) =>
        marker.GetString("BodyHash") == item.BodyHash
            ? AppendOutcome.Appended(marker.GetInt64("First") ?? 0, marker.GetInt64("Last") ?? 0)
            : AppendOutcome.KeyReused;
}
