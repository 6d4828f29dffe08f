using Azure.Data.Tables;

namespace Primatomic.Benchmarks;

/// <summary>Measurement (b): concurrent HTTP appends to one fresh log, checked against the log's head afterwards.</summary>
internal sealed class ServiceWriter(ServiceClient client, TableClient events, byte[] payload, int writers)
{
    public sealed record Run(double EventsPerSecond, long Acknowledged, long Failed, long Head, double EventsPerCommit)
    {
        public bool Healthy => Failed == 0 && Head == Acknowledged;
    }

    /// <summary>Steady state is what a long-running instance sees: let tiered JIT and connection pools settle first.</summary>
    public async Task WarmUpAsync(TimeSpan duration)
    {
        var logId = await client.CreateLogAsync("warm-up");
        await Throughput.MeasureAsync(writers, duration, async (_, _) => await client.AppendAsync(logId, payload) ? 1 : 0);
    }

    public async Task<Run> MeasureAsync(string logName, TimeSpan duration)
    {
        var logId = await client.CreateLogAsync(logName);
        long acked = 0, failed = 0;
        var rate = await Throughput.MeasureAsync(writers, duration, async (_, _) =>
        {
            if (await client.AppendAsync(logId, payload))
            {
                Interlocked.Increment(ref acked);
                return 1;
            }

            Interlocked.Increment(ref failed);
            return 0;
        });
        var commits = await CountCommitsAsync(logId);
        return new Run(rate, acked, failed, await client.HeadSequenceAsync(logId), (double)acked / Math.Max(1, commits));
    }

    /// <summary>One main segment row ("e:" + 19 digits, no part suffix) per committed transaction.</summary>
    private async Task<long> CountCommitsAsync(string logId)
    {
        long commits = 0;
        await foreach (var row in events.QueryAsync<TableEntity>(e => e.PartitionKey == logId, select: ["RowKey"]))
        {
            if (row.RowKey.StartsWith("e:", StringComparison.Ordinal) && row.RowKey.Length == 21)
            {
                commits++;
            }
        }

        return commits;
    }
}
