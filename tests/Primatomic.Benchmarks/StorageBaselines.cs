using Azure.Data.Tables;

namespace Primatomic.Benchmarks;

/// <summary>The two reference points measured straight against the Table API, without the service.</summary>
internal static class StorageBaselines
{
    /// <summary>
    /// (a) The naive durable append: each event is its own transaction that moves the head counter (If-Match) and
    /// inserts the event row. One writer: with more, they would only fight over the head's ETag.
    /// </summary>
    public static async Task<double> NaiveAppendsAsync(TableServiceClient tables, byte[] payload, TimeSpan duration)
    {
        var table = tables.GetTableClient("benchnaive" + Guid.NewGuid().ToString("N")[..8]);
        await table.CreateAsync();
        var partition = Guid.NewGuid().ToString("N");
        var head = new TableEntity(partition, "h") { ["Head"] = 0L };
        var etag = (await table.AddEntityAsync(head)).Headers.ETag!.Value;
        long sequence = 0;
        return await Throughput.MeasureAsync(1, duration, async (_, ct) =>
        {
            sequence++;
            head["Head"] = sequence;
            var response = await table.SubmitTransactionAsync(
            [
                new TableTransactionAction(TableTransactionActionType.UpdateReplace, head, etag),
                new TableTransactionAction(TableTransactionActionType.Add,
                    new TableEntity(partition, "e:" + sequence.ToString("D19", System.Globalization.CultureInfo.InvariantCulture)) { ["Data"] = payload }),
            ], ct);
            etag = response.Value[0].Headers.ETag!.Value;
            return 1;
        });
    }

    /// <summary>
    /// (c) Azurite's ceiling for the same bytes: batches of 100 entity inserts into one partition (a log is one
    /// partition), with no counter and no read, from <paramref name="concurrency"/> concurrent inserters.
    /// </summary>
    public static async Task<double> RawBatchInsertsAsync(TableServiceClient tables, byte[] payload, TimeSpan duration, int concurrency)
    {
        var table = tables.GetTableClient("benchraw");
        await table.CreateAsync();
        var partition = Guid.NewGuid().ToString("N");
        long next = 0;
        return await Throughput.MeasureAsync(concurrency, duration, async (_, ct) =>
        {
            var actions = new List<TableTransactionAction>(100);
            for (var i = 0; i < 100; i++)
            {
                var key = Interlocked.Increment(ref next).ToString("D19", System.Globalization.CultureInfo.InvariantCulture);
                actions.Add(new TableTransactionAction(TableTransactionActionType.Add, new TableEntity(partition, key) { ["Data"] = payload }));
            }

            await table.SubmitTransactionAsync(actions, ct);
            return 100;
        });
    }
}
