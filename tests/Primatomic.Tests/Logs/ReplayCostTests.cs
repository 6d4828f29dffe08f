using Azure.Data.Tables;
using Microsoft.Extensions.Logging.Abstractions;
using Primatomic.Functions.Logs;
using Primatomic.Functions.Logs.Storage;
using Xunit.Abstractions;

namespace Primatomic.Tests.Logs;

/// <summary>
/// Reads are sized in rows, not events: replaying a group-committed log costs about the rows that hold the events
/// (each page also reads the row it ends inside, which the next page reads again).
/// </summary>
public sealed class ReplayCostTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Writers = 64;
    private const int AppendsPerWriter = 80;
    private TableClient _table = null!;

    public async Task InitializeAsync() => (_table, _) = await PrivateEventsTable.CreateAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Replaying_a_group_committed_log_in_pages_of_1000_reads_at_most_a_tenth_of_a_row_per_event()
    {
        var logId = Guid.NewGuid().ToString("D");
        await using (var writer = new EventLog(_table, new CommitSignals(), NullLogger<EventLog>.Instance))
        {
            await Task.WhenAll(Enumerable.Range(0, Writers).Select(w => Task.Run(async () =>
            {
                for (var n = 0; n < AppendsPerWriter; n++)
                {
                    Assert.Equal(AppendStatus.Appended, (await writer.AppendAsync(logId, [BitConverter.GetBytes(w * 1000 + n)])).Status);
                }
            })));
        }

        var segments = await _table.QueryAsync<TableEntity>($"PartitionKey eq '{logId}' and RowKey ge 'e:' and RowKey lt 'e;'",
            select: ["RowKey", "First", "Last"]).ToListAsync();
        await using var reader = new EventLog(_table, new CommitSignals(), NullLogger<EventLog>.Instance);
        long after = 0, pages = 0, overRead = 0;
        while (true)
        {
            var page = await reader.ReadAsync(logId, after, LogLimits.MaxPageLimit, LogLimits.MaxPageBytes, CancellationToken.None);
            if (page.Events.Count == 0)
            {
                break;
            }

            // The rows holding this page's events, and at most one more: rows are asked for by the fullest row seen, so
            // rows of uneven size (a lone event between full segments) cost requests, not rows.
            var holding = segments.Count(s => s.GetInt64("Last") > after && s.GetInt64("First") <= page.NextAfter);
            Assert.True(page.RowsRead <= holding + 1, $"page after {after} read {page.RowsRead} rows; {holding} hold its events");
            overRead += page.RowsRead - holding;
            Assert.Equal(after + 1, page.Events[0].Sequence);
            after = page.NextAfter;
            pages++;
        }

        const int events = Writers * AppendsPerWriter;
        var rowsPerEvent = (double)reader.Counters.RowsRead / reader.Counters.EventsRead;
        output.WriteLine($"{events} events in {segments.Count} segments ({(double)events / segments.Count:F1} events/row); " +
            $"replay in {pages} pages read {reader.Counters.RowsRead} rows ({overRead} beyond the rows holding each page): " +
            $"{rowsPerEvent:F3} rows/event");
        Assert.Equal(events, after);
        Assert.Equal(events, reader.Counters.EventsRead);
        Assert.True(rowsPerEvent <= 0.1, $"{rowsPerEvent:F3} rows read per event");
    }

    [Fact]
    public async Task Small_steps_on_a_group_committed_log_read_the_rows_they_need_after_the_first()
    {
        var logId = Guid.NewGuid().ToString("D");
        await using var store = new EventLog(_table, new CommitSignals(), NullLogger<EventLog>.Instance);
        await Task.WhenAll(Enumerable.Range(0, Writers).Select(w => Task.Run(async () =>
        {
            for (var n = 0; n < 10; n++)
            {
                await store.AppendAsync(logId, [BitConverter.GetBytes(w * 1000 + n)]);
            }
        })));

        // The first step knows nothing of the log's rows; later ones use the shape the previous read saw, so a step of
        // 16 events from rows of many events costs one row, or two where it crosses a row boundary, not 16.
        var first = await store.ReadAsync(logId, 0, 16, LogLimits.MaxPageBytes, CancellationToken.None);
        var after = first.NextAfter;
        long rows = 0;
        for (var step = 0; step < 10; step++)
        {
            var page = await store.ReadAsync(logId, after, 16, LogLimits.MaxPageBytes, CancellationToken.None);
            Assert.Equal(16, page.Events.Count);
            Assert.True(page.RowsRead <= 3, $"a step of 16 events after {after} read {page.RowsRead} rows");
            rows += page.RowsRead;
            after = page.NextAfter;
        }

        output.WriteLine($"first step of 16 read {first.RowsRead} rows, the next 10 steps {rows}");
        Assert.True(rows <= 20, $"10 steps of 16 events read {rows} rows");
    }

    [Fact]
    public async Task Small_pages_and_single_event_rows_are_read_without_overfetching()
    {
        var logId = Guid.NewGuid().ToString("D");
        await using var store = new EventLog(_table, new CommitSignals(), NullLogger<EventLog>.Instance);
        for (var i = 0; i < 40; i++)
        {
            await store.AppendAsync(logId, [BitConverter.GetBytes(i)]);
        }

        // One event per row: a page of 5 reads 5 rows (3, then twice as many at most), a page of 30 reads 30 (the
        // previous read's shape says one event per row).
        var small = await store.ReadAsync(logId, 0, 5, LogLimits.MaxPageBytes, CancellationToken.None);
        var larger = await store.ReadAsync(logId, 5, 30, LogLimits.MaxPageBytes, CancellationToken.None);
        var rest = await store.ReadAsync(logId, 35, 1000, LogLimits.MaxPageBytes, CancellationToken.None);
        Assert.Equal((5, 5L), (small.Events.Count, small.RowsRead));
        Assert.Equal((30, 30L), (larger.Events.Count, larger.RowsRead));
        Assert.Equal((5, 40L), (rest.Events.Count, rest.NextAfter));
        Assert.True(rest.RowsRead <= 5, $"{rest.RowsRead} rows for the last 5 events");
    }
}
