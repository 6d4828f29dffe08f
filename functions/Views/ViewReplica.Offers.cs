using System.Collections.Concurrent;
using Primatomic.Functions.Logs.Storage;

namespace Primatomic.Functions.Views;

// Events delivered by the fan-out (this process's commits, or Event Hubs): applied without reading the table when
// they continue exactly at processed + 1; anything else falls back to the log, so a lost, duplicated or reordered
// delivery costs a read, never correctness.
public sealed partial class ViewReplica
{
    // Beyond this many undrained bytes the oldest deliveries are dropped: the log has them, so a slow replica
    // reads them back instead of holding an unbounded backlog in memory.
    private const long MaxOfferedBytes = 16 * 1024 * 1024;
    private readonly ConcurrentQueue<IReadOnlyList<StoredEvent>> _offered = new();
    private long _offeredThrough;
    private long _offeredBytes;

    /// <summary>The highest sequence delivered to this replica: it is known to exist in the log.</summary>
    public long OfferedThrough => Volatile.Read(ref _offeredThrough);

    /// <summary>
    /// Hands committed events to the replica; its follower applies them. A delivery may hold duplicates, be out of
    /// order or have holes (Event Hubs): it is sorted and split into runs, and a hole is read from the log.
    /// </summary>
    public void Offer(IReadOnlyList<StoredEvent> events)
    {
        if (events.Count == 0 || Failure is not null)
        {
            return;
        }

        foreach (var run in Runs(events, ProcessedSequence))
        {
            _offered.Enqueue(run);
            Interlocked.Add(ref _offeredBytes, Bytes(run));
            long seen;
            while ((seen = Volatile.Read(ref _offeredThrough)) < run[^1].Sequence
                && Interlocked.CompareExchange(ref _offeredThrough, run[^1].Sequence, seen) != seen)
            {
            }
        }

        while (Volatile.Read(ref _offeredBytes) > MaxOfferedBytes && TryTakeOffered(out _))
        {
        }

        SignalOffer();
    }

    /// <summary>Ascending runs without holes of the events after <paramref name="processed"/>.</summary>
    private static List<IReadOnlyList<StoredEvent>> Runs(IReadOnlyList<StoredEvent> events, long processed)
    {
        var runs = new List<IReadOnlyList<StoredEvent>>();
        List<StoredEvent>? run = null;
        foreach (var stored in IsAscendingRun(events) ? events : events.OrderBy(e => e.Sequence).ToList())
        {
            if (stored.Sequence <= processed || (run is not null && stored.Sequence == run[^1].Sequence))
            {
                continue;
            }

            if (run is null || stored.Sequence != run[^1].Sequence + 1)
            {
                run = [];
                runs.Add(run);
            }

            run.Add(stored);
        }

        return runs;
    }

    private bool TryTakeOffered(out IReadOnlyList<StoredEvent>? events)
    {
        if (!_offered.TryDequeue(out events))
        {
            return false;
        }

        Interlocked.Add(ref _offeredBytes, -Bytes(events));
        return true;
    }

    private static long Bytes(IReadOnlyList<StoredEvent> events)
    {
        long bytes = 0;
        foreach (var stored in events)
        {
            bytes += stored.Data.Length + 64;
        }

        return bytes;
    }

    private static bool IsAscendingRun(IReadOnlyList<StoredEvent> events)
    {
        for (var i = 1; i < events.Count; i++)
        {
            if (events[i].Sequence != events[0].Sequence + i)
            {
                return false;
            }
        }

        return true;
    }

    private TaskCompletionSource _offerSignal = NewSignal();

    /// <summary>Completes at the next delivery; take it before draining, so a delivery in between is not missed.</summary>
    private Task NextOffer => Volatile.Read(ref _offerSignal).Task;

    private void SignalOffer() => Interlocked.Exchange(ref _offerSignal, NewSignal()).TrySetResult();

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Applies delivered events that continue at processed + 1; stops at a gap (the caller reads the log).</summary>
    private async Task ApplyOfferedAsync(CancellationToken cancellationToken)
    {
        while (Failure is null && _offered.TryPeek(out var events))
        {
            var processed = ProcessedSequence;
            if (events[^1].Sequence <= processed)
            {
                TryTakeOffered(out _);
                continue;
            }

            var skip = processed + 1 - events[0].Sequence;
            if (skip < 0)
            {
                return;
            }

            TryTakeOffered(out _);
            await ApplyAsync(skip == 0 ? events : [.. events.Skip((int)skip)], cancellationToken);
        }
    }
}
