using Azure.Data.Tables;
using Microsoft.Extensions.Logging.Abstractions;
using Primatomic.Functions.Logs.Storage;
using Xunit.Abstractions;

namespace Primatomic.Tests.Logs;

/// <summary>
/// Idempotency markers ride in segment rows (one entity per commit, not per append) with the guarantees per-key rows
/// gave: a retry answers its original sequences from a new writer and from another store, a reused key with another
/// body is refused, nothing is stored twice, and logs written with per-key <c>i:</c> rows still honour them.
/// </summary>
public sealed class KeyedAppendTests(ITestOutputHelper output) : IAsyncLifetime
{
    private TableClient _table = null!;

    public async Task InitializeAsync() => (_table, _) = await PrivateEventsTable.CreateAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private EventLog NewStore(KeyWindowSettings? window = null) =>
        new(_table, new CommitSignals(), NullLogger<EventLog>.Instance, keyWindow: window);

    private static string NewLogId() => Guid.NewGuid().ToString("D");

    private static byte[] Body(int i) => BitConverter.GetBytes(i);

    [Fact]
    public async Task A_retry_after_the_writer_restarts_answers_the_original_sequences()
    {
        var logId = NewLogId();
        AppendOutcome[] originals;
        await using (var first = NewStore())
        {
            await first.AppendAsync(logId, [[0]]);
            // Many keyed appends at once: group commits, so most segments carry several markers.
            originals = await Task.WhenAll(Enumerable.Range(1, 200).Select(i => first.AppendAsync(logId, [Body(i), Body(-i)], $"key-{i}")));
        }

        await using var restarted = NewStore();
        var retries = await Task.WhenAll(Enumerable.Range(1, 200).Select(i => restarted.AppendAsync(logId, [Body(i), Body(-i)], $"key-{i}")));
        var reused = await restarted.AppendAsync(logId, [Body(7)], "key-7");

        Assert.All(originals, o => Assert.Equal(AppendStatus.Appended, o.Status));
        Assert.Equal(originals, retries);
        Assert.Equal(AppendOutcome.KeyReused, reused);
        Assert.Equal(401, await restarted.ReadHeadAsync(logId, CancellationToken.None));
        Assert.Equal(AppendOutcome.Appended(402, 402), await restarted.AppendAsync(logId, [Body(9)], "key-new"));
        Assert.Empty(await _table.QueryAsync<TableEntity>($"PartitionKey eq '{logId}' and RowKey ge 'i:' and RowKey lt 'i;'").ToListAsync());
    }

    [Fact]
    public async Task A_reused_key_with_another_body_is_refused_in_the_same_group_the_same_writer_and_another_store()
    {
        var logId = NewLogId();
        await using var store = NewStore();
        await using var other = NewStore();
        var together = await Task.WhenAll(store.AppendAsync(logId, [Body(1)], "k"), store.AppendAsync(logId, [Body(2)], "k"));
        var later = await store.AppendAsync(logId, [Body(1), Body(1)], "k");
        var elsewhere = await other.AppendAsync(logId, [Body(3)], "k");
        var sameBodyElsewhere = await other.AppendAsync(logId, [Body(1)], "k");

        Assert.Equal([AppendOutcome.Appended(1, 1), AppendOutcome.KeyReused], together);
        Assert.Equal(AppendOutcome.KeyReused, later);
        Assert.Equal(AppendOutcome.KeyReused, elsewhere);
        Assert.Equal(AppendOutcome.Appended(1, 1), sameBodyElsewhere);
        Assert.Equal(1, await store.ReadHeadAsync(logId, CancellationToken.None));
    }

    [Fact]
    public async Task Two_stores_racing_with_the_same_keys_store_each_once_and_answer_both_alike()
    {
        var logId = NewLogId();
        await using var a = NewStore();
        await using var b = NewStore();
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 64).Select(w => Task.Run(async () =>
        {
            var answers = new List<(AppendOutcome A, AppendOutcome B)>();
            for (var n = 0; n < 10; n++)
            {
                var key = $"w{w}-n{n}";
                var both = await Task.WhenAll(a.AppendAsync(logId, [Body(w * 100 + n)], key), b.AppendAsync(logId, [Body(w * 100 + n)], key));
                answers.Add((both[0], both[1]));
            }

            return answers;
        })));

        var all = outcomes.SelectMany(o => o).ToList();
        Assert.All(all, pair => Assert.Equal(pair.A, pair.B));
        Assert.All(all, pair => Assert.Equal(AppendStatus.Appended, pair.A.Status));
        var stored = await EventLogContractTests.ReadAllAsync(a, logId);
        Assert.Equal(640, stored.Count);
        Assert.Equal(Enumerable.Range(1, 640).Select(i => (long)i), all.Select(p => p.A.First).Order());
        Assert.Equal(640, stored.Select(e => BitConverter.ToInt32(e.Data)).Distinct().Count());
    }

    [Fact]
    public async Task Keyed_appends_from_64_writers_cost_at_most_a_tenth_of_an_entity_write_per_event()
    {
        var logId = NewLogId();
        await using var store = NewStore();
        await Task.WhenAll(Enumerable.Range(0, 64).Select(w => Task.Run(async () =>
        {
            for (var n = 0; n < 50; n++)
            {
                Assert.Equal(AppendStatus.Appended, (await store.AppendAsync(logId, [Body(w * 100 + n)], $"w{w}-n{n}")).Status);
            }
        })));

        var rows = await _table.QueryAsync<TableEntity>($"PartitionKey eq '{logId}'", select: ["RowKey"]).ToListAsync();
        var perEvent = (double)store.Counters.EntitiesWritten / store.Counters.EventsWritten;
        output.WriteLine($"{store.Counters.EventsWritten} keyed events, {store.Counters.EntitiesWritten} entity writes " +
            $"({perEvent:F3} per event), {rows.Count - 1} segment rows");
        Assert.Equal(3200, store.Counters.EventsWritten);
        Assert.True(perEvent <= 0.1, $"{perEvent:F3} entity writes per keyed event");
        Assert.DoesNotContain(rows, r => r.RowKey.StartsWith("i:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Per_key_markers_of_the_earlier_scheme_are_still_honoured()
    {
        // A log as the earlier scheme left it: a head without KeysFrom, one segment, and one i: row per keyed append.
        var logId = NewLogId();
        var legacy = new PendingAppend([Body(1), Body(2)], "old-key", null);
        var actions = new List<TableTransactionAction>
        {
            new(TableTransactionActionType.Add, new TableEntity(logId, Segments.HeadRowKey) { ["Head"] = 2L, ["LastCommit"] = "old.1" }),
            new(TableTransactionActionType.Add, new TableEntity(logId, legacy.MarkerRowKey)
            {
                ["BodyHash"] = legacy.BodyHash, ["First"] = 1L, ["Last"] = 2L, ["Commit"] = "old.1",
            }),
        };
        actions.AddRange(Segments.Build(logId, 1, legacy.Events, "old.1", DateTimeOffset.UtcNow)
            .Select(row => new TableTransactionAction(TableTransactionActionType.Add, row)));
        await _table.SubmitTransactionAsync(actions);

        await using var store = NewStore();
        Assert.Equal(AppendOutcome.Appended(1, 2), await store.AppendAsync(logId, [Body(1), Body(2)], "old-key"));
        Assert.Equal(AppendOutcome.KeyReused, await store.AppendAsync(logId, [Body(3)], "old-key"));
        Assert.Equal(AppendOutcome.Appended(3, 3), await store.AppendAsync(logId, [Body(3)], "new-key"));
        Assert.Equal(AppendOutcome.Appended(3, 3), await store.AppendAsync(logId, [Body(3)], "new-key"));

        await using var restarted = NewStore();
        Assert.Equal(AppendOutcome.Appended(1, 2), await restarted.AppendAsync(logId, [Body(1), Body(2)], "old-key"));
        Assert.Equal(AppendOutcome.Appended(3, 3), await restarted.AppendAsync(logId, [Body(3)], "new-key"));
        Assert.Equal(3, await restarted.ReadHeadAsync(logId, CancellationToken.None));
    }

    [Fact]
    public async Task The_key_cap_bounds_what_a_new_writer_reads_and_is_counted_when_it_cuts_the_window_short()
    {
        var logId = NewLogId();
        var window = new KeyWindowSettings(TimeSpan.FromHours(1), MaxKeys: 10);
        await using (var first = NewStore(window))
        {
            for (var i = 0; i < 40; i++)
            {
                await first.AppendAsync(logId, [Body(i)], $"key-{i}");
            }

            Assert.Equal(30, first.Counters.KeysEvictedEarly);
        }

        // The head's KeysFrom moved with the window, so a new writer reads only the segments of the last keys (the
        // last commit wrote the start its window had before it landed: ten keys back, plus its own).
        await using var restarted = NewStore(window);
        Assert.Equal(AppendOutcome.Appended(40, 40), await restarted.AppendAsync(logId, [Body(39)], "key-39"));
        Assert.Equal(11, restarted.Counters.KeyRowsLoaded);

        // ...and the last ten keys are still recognised, while the oldest are past the promise (stored again).
        Assert.Equal(AppendOutcome.Appended(31, 31), await restarted.AppendAsync(logId, [Body(30)], "key-30"));
        Assert.Equal(AppendOutcome.Appended(41, 41), await restarted.AppendAsync(logId, [Body(0)], "key-0"));
    }
}
