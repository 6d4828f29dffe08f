using System.Diagnostics;
using Primatomic.Testing;

namespace Primatomic.Benchmarks.Scale;

internal sealed record KeyedResult(long Events, double Seconds, int Failures, StorageCounts Counts)
{
    public double EventsPerSecond => Events / Seconds;

    /// <summary>Entities written to tables (accepted batches count one per operation) per event appended.</summary>
    public double EntitiesPerEvent => Events == 0 ? double.NaN : (double)Counts.EntitiesWritten / Events;

    /// <summary>Of those, the entities whose request named the hot log (its partition's share).</summary>
    public long PartitionEntities => Counts.Sum(k => k.Resource.EndsWith(CountingStorageProxy.WatchedSuffix, StringComparison.Ordinal)
        && k.Resource.StartsWith("table:", StringComparison.Ordinal) && k.StatusClass == 2).Entities;

    /// <summary>
    /// Table requests per event, leaving out the views catalogue: what the hot log itself costs the account. Blob
    /// traffic in the window is the other views' leases, which the idle figures already count.
    /// </summary>
    public double RequestsPerEvent => Events == 0 ? double.NaN
        : (double)Counts.Sum(k => k.Resource.StartsWith("table:", StringComparison.Ordinal) && k.Resource != "table:views").Requests / Events;
}

internal sealed record ReplayResult(long Head, long EventsApplied, long RowsRead, double Seconds, bool Correct)
{
    public double RowsPerEvent => EventsApplied == 0 ? double.NaN : (double)RowsRead / EventsApplied;
}

/// <summary>
/// A hot log written by many concurrent writers, each append with its own Idempotency-Key, all on one instance (group
/// commit is per instance); then a fresh view replaying that group-committed log from zero on that instance.
/// </summary>
internal static class HotLog
{
    public static async Task<KeyedResult> KeyedAppendsAsync(ScaleInstance instance, ScaleLog log, int writers, TimeSpan duration)
    {
        instance.Proxy.Watch = log.LogId;
        var before = instance.Proxy.Snapshot();
        var startHead = await ScaleApi.HeadAsync(instance, log.Token, log.LogId);
        var failures = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, writers).Select(async _ =>
        {
            while (clock.Elapsed < duration)
            {
                try
                {
                    log.Acknowledged(await ScaleApi.AppendAsync(instance, log.Token, log.LogId, Guid.NewGuid().ToString("N")));
                }
                catch (HttpRequestException)
                {
                    Interlocked.Increment(ref failures);
                }
            }
        }));
        var seconds = clock.Elapsed.TotalSeconds;
        var head = await ScaleApi.HeadAsync(instance, log.Token, log.LogId);
        return new KeyedResult(head - startHead, seconds, failures, instance.Proxy.Snapshot() - before);
    }

    /// <summary>Deploys a fresh view on <paramref name="log"/> through <paramref name="instance"/> and asks it for the head there.</summary>
    public static async Task<ReplayResult> ReplayAsync(ScaleInstance instance, ScaleLog log, byte[] component)
    {
        var head = await ScaleApi.HeadAsync(instance, log.Token, log.LogId);
        var before = instance.Proxy.Snapshot();
        var clock = Stopwatch.StartNew();
        await ScaleApi.DeployAsync(instance, log.Token, log.LogId, "replay", component);
        string? answer = null;
        while (answer is null && clock.Elapsed < TimeSpan.FromMinutes(3))
        {
            try
            {
                answer = await ScaleApi.QueryAsync(instance, log.Token, log.LogId, "replay", head);
            }
            catch (HttpRequestException e) when (e.StatusCode == System.Net.HttpStatusCode.ServiceUnavailable)
            {
                // query?after waits up to Views__QueryWaitTimeout, then 503: the replay is still running.
            }
        }

        var seconds = clock.Elapsed.TotalSeconds;
        // Only the hot log's own rows: other replicas on this instance may be catching up on their logs meanwhile.
        var rows = (instance.Proxy.Snapshot() - before).RowsRead("table:events" + CountingStorageProxy.WatchedSuffix);
        var stats = await ScaleApi.StatsAsync(instance, log.Token, log.LogId, "replay");
        var applied = stats.GetProperty("events_applied").GetInt64();
        return new ReplayResult(head, applied, rows, seconds, answer is not null && CounterAnswer.Count(answer) == head);
    }
}
