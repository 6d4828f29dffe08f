using System.Diagnostics;
using Primatomic.Functions.Logs.Storage;

namespace Primatomic.Functions.Views.Replicas;

/// <summary>
/// Events delivered to a replica by the fan-out (this process's commits, or Event Hubs), waiting for its loop. A
/// delivery may hold duplicates, be out of order or have holes: it is sorted and split into runs. Beyond
/// <see cref="MaxBytes"/> the oldest runs are dropped: the log has them, so a slow replica reads them back instead of
/// holding an unbounded backlog. Many producers, one consumer (the replica's loop). Each run keeps the trace contexts
/// of the commits it came from, for the apply span (<see cref="ViewTelemetry"/>).
/// </summary>
internal sealed class OfferBuffer
{
    public const long MaxBytes = 16 * 1024 * 1024;

    private readonly Queue<OfferedEvents> _runs = new();
    private readonly Lock _gate = new();
    private long _bytes;
    private long _through;

    /// <summary>The highest sequence ever delivered: it is known to exist in the log.</summary>
    public long Through => Volatile.Read(ref _through);

    /// <summary>Adds the runs of <paramref name="events"/> after <paramref name="processed"/>; false if there were none.</summary>
    public bool Add(IReadOnlyList<StoredEvent> events, long processed, IReadOnlyList<ActivityContext>? traces = null)
    {
        var runs = Runs(events, processed);
        if (runs.Count == 0)
        {
            return false;
        }

        lock (_gate)
        {
            foreach (var run in runs)
            {
                _runs.Enqueue(new OfferedEvents(run, traces ?? []));
                _bytes += Bytes(run);
                Volatile.Write(ref _through, Math.Max(_through, run[^1].Sequence));
            }

            while (_bytes > MaxBytes && _runs.TryDequeue(out var dropped))
            {
                _bytes -= Bytes(dropped.Events);
            }
        }

        return true;
    }

    /// <summary>
    /// Up to <paramref name="max"/> buffered events that continue exactly at <paramref name="processed"/> + 1
    /// (dropping older ones), or null. The rest of a run stays for the next call.
    /// </summary>
    public OfferedEvents? TakeNext(long processed, int max)
    {
        lock (_gate)
        {
            while (_runs.TryPeek(out var offered))
            {
                var run = offered.Events;
                if (run[^1].Sequence <= processed)
                {
                    Take();
                    continue;
                }

                var skip = processed + 1 - run[0].Sequence;
                if (skip < 0)
                {
                    return null; // a hole before it: the caller reads the log
                }

                var count = (int)Math.Min(max, run.Count - skip);
                if (skip + count == run.Count)
                {
                    Take();
                }

                return offered with { Events = skip == 0 && count == run.Count ? run : [.. run.Skip((int)skip).Take(count)] };
            }

            return null;
        }
    }

    private void Take() => _bytes -= Bytes(_runs.Dequeue().Events);

    /// <summary>Ascending runs without holes of the events after <paramref name="processed"/>.</summary>
    private static List<IReadOnlyList<StoredEvent>> Runs(IReadOnlyList<StoredEvent> events, long processed)
    {
        var runs = new List<IReadOnlyList<StoredEvent>>();
        List<StoredEvent>? run = null;
        // A delivery is nearly always one ascending run already: sort only when it is not.
        foreach (var stored in IsAscendingRun(events) ? events : [.. events.OrderBy(e => e.Sequence)])
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

    private static long Bytes(IReadOnlyList<StoredEvent> events)
    {
        long bytes = 0;
        foreach (var stored in events)
        {
            bytes += stored.Data.Length + 64;
        }

        return bytes;
    }
}
