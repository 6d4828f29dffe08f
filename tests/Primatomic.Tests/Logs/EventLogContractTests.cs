using System.Security.Cryptography;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging.Abstractions;
using Primatomic.Functions.Logs.Storage;

namespace Primatomic.Tests.Logs;

/// <summary>The event store against real Azurite, without HTTP: layout, group commit, idempotency and conflicts.</summary>
public sealed class EventLogContractTests : IAsyncLifetime
{
    private TableClient _table = null!;
    private EventLog _log = null!;

    public async Task InitializeAsync()
    {
        (_table, _) = await PrivateEventsTable.CreateAsync();
        _log = NewStore();
    }

    public async Task DisposeAsync() => await _log.DisposeAsync();

    private EventLog NewStore(TimeSpan? idleAfter = null) =>
        new(_table, new CommitSignals(), NullLogger<EventLog>.Instance, idleAfter);

    private static string NewLogId() => Guid.NewGuid().ToString("D");

    [Fact]
    public async Task Segments_round_trip_exact_bytes_at_property_and_row_boundaries()
    {
        var logId = NewLogId();
        int[] sizes = [1, 65_535, 65_536, 65_537, 917_503, 917_504, 917_505, 1_048_576];
        var payloads = sizes.Select(RandomNumberGenerator.GetBytes).ToList();
        foreach (var payload in payloads)
        {
            Assert.Equal(AppendStatus.Appended, (await _log.AppendAsync(logId, [payload])).Status);
        }

        // Several large events in one commit span a main row and part rows.
        var batch = new List<byte[]> { RandomNumberGenerator.GetBytes(1_048_576), RandomNumberGenerator.GetBytes(65_536), new byte[] { 7 } };
        var outcome = await _log.AppendAsync(logId, batch);
        Assert.Equal((9L, 11L), (outcome.First, outcome.Last));
        payloads.AddRange(batch);

        var stored = await ReadAllAsync(_log, logId);
        Assert.Equal(Enumerable.Range(1, payloads.Count).Select(i => (long)i), stored.Select(e => e.Sequence));
        for (var i = 0; i < payloads.Count; i++)
        {
            Assert.True(payloads[i].AsSpan().SequenceEqual(stored[i].Data), $"event {i + 1} differs");
        }

        // Reading from inside a multi-row segment gives just the later events.
        var tail = await _log.ReadAsync(logId, 9, 10, 8 * 1024 * 1024, CancellationToken.None);
        Assert.Equal([10L, 11L], tail.Events.Select(e => e.Sequence));
    }

    [Fact]
    public async Task Concurrent_appends_are_group_committed_with_gap_free_sequences()
    {
        var logId = NewLogId();
        var payloads = Enumerable.Range(0, 300).Select(i => BitConverter.GetBytes(i)).ToList();
        var outcomes = await Task.WhenAll(payloads.Select(p => _log.AppendAsync(logId, [p])));

        Assert.All(outcomes, o => Assert.Equal(AppendStatus.Appended, o.Status));
        Assert.Equal(Enumerable.Range(1, 300).Select(i => (long)i), outcomes.Select(o => o.First).Order());
        var stored = await ReadAllAsync(_log, logId);
        Assert.Equal(300, stored.Count);
        for (var i = 0; i < payloads.Count; i++)
        {
            Assert.Equal(payloads[i], stored[(int)outcomes[i].First - 1].Data);
        }

        // Fewer segments than events shows the appends were grouped.
        var segments = _table.QueryAsync<TableEntity>($"PartitionKey eq '{logId}' and RowKey ge 'e:' and RowKey lt 'e;'");
        Assert.True(await segments.CountAsync() < 300);
        Assert.Equal(300, await _log.ReadHeadAsync(logId, CancellationToken.None));
    }

    [Fact]
    public async Task Idempotent_retry_returns_the_original_sequence_and_stores_one_copy_even_from_another_store()
    {
        var logId = NewLogId();
        await _log.AppendAsync(logId, [[1]]);
        var first = await _log.AppendAsync(logId, [[2], [3]], "key-1");
        var concurrent = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => _log.AppendAsync(logId, [[2], [3]], "key-1")));
        await using var other = NewStore();
        var fromOther = await other.AppendAsync(logId, [[2], [3]], "key-1");
        var reused = await other.AppendAsync(logId, [[9]], "key-1");

        Assert.Equal(AppendOutcome.Appended(2, 3), first);
        Assert.All(concurrent, o => Assert.Equal(first, o));
        Assert.Equal(first, fromOther);
        Assert.Equal(AppendStatus.KeyReused, reused.Status);
        Assert.Equal(3, (await ReadAllAsync(_log, logId)).Count);
    }

    [Fact]
    public async Task Expected_sequence_is_checked_against_the_running_head()
    {
        var logId = NewLogId();
        Assert.Equal(AppendOutcome.Appended(1, 1), await _log.AppendAsync(logId, [[1]], expectedSequence: 0));
        Assert.Equal(AppendOutcome.Mismatch(1), await _log.AppendAsync(logId, [[2]], expectedSequence: 0));

        // Another store moves the head: this store's cached head is stale, yet it must not reject on it.
        await using var other = NewStore();
        await other.AppendAsync(logId, [[3]]);
        Assert.Equal(AppendOutcome.Appended(3, 3), await _log.AppendAsync(logId, [[4]], expectedSequence: 2));

        // A retried keyed append whose expectation held the first time gets its original answer.
        var keyed = await _log.AppendAsync(logId, [[5]], "k", expectedSequence: 3);
        Assert.Equal(keyed, await _log.AppendAsync(logId, [[5]], "k", expectedSequence: 3));
        Assert.Equal(4, (await ReadAllAsync(_log, logId)).Count);
    }

    [Fact]
    public async Task Expectations_inside_one_group_follow_the_running_head()
    {
        var logId = NewLogId();
        var outcomes = await Task.WhenAll(
            _log.AppendAsync(logId, [[1]], expectedSequence: 0),
            _log.AppendAsync(logId, [[2], [3]], expectedSequence: 1),
            _log.AppendAsync(logId, [[4]], expectedSequence: 3),
            _log.AppendAsync(logId, [[5]], expectedSequence: 3));

        Assert.Equal([AppendOutcome.Appended(1, 1), AppendOutcome.Appended(2, 3), AppendOutcome.Appended(4, 4), AppendOutcome.Mismatch(4)], outcomes);
        Assert.Equal(4, (await ReadAllAsync(_log, logId)).Count);
    }

    [Fact]
    public async Task Two_stores_over_one_table_never_duplicate_or_gap()
    {
        var logId = NewLogId();
        await using var other = NewStore();
        var stores = new[] { _log, other };
        var appends = Enumerable.Range(0, 400).Select(i =>
        {
            // Every fifth append is a keyed retry sent through both stores at once.
            var key = i % 5 == 0 ? $"k{i}" : null;
            var payload = BitConverter.GetBytes(i);
            return key is null
                ? stores[i % 2].AppendAsync(logId, [payload])
                : Task.WhenAll(stores.Select(s => s.AppendAsync(logId, [payload], key))).ContinueWith(t =>
                {
                    Assert.Equal(t.Result[0], t.Result[1]);
                    return t.Result[0];
                }, TaskScheduler.Default);
        }).ToList();
        var outcomes = await Task.WhenAll(appends);

        Assert.All(outcomes, o => Assert.Equal(AppendStatus.Appended, o.Status));
        var stored = await ReadAllAsync(_log, logId);
        Assert.Equal(Enumerable.Range(1, 400).Select(i => (long)i), stored.Select(e => e.Sequence));
        for (var i = 0; i < outcomes.Length; i++)
        {
            Assert.Equal(i, BitConverter.ToInt32(stored[(int)outcomes[i].First - 1].Data));
        }
    }

    [Fact]
    public async Task Idle_writers_retire_and_a_later_append_starts_a_new_one()
    {
        await using var store = NewStore(TimeSpan.FromMilliseconds(100));
        var logId = NewLogId();
        await store.AppendAsync(logId, [[1]]);
        for (var i = 0; i < 50 && store.WriterCount > 0; i++)
        {
            await Task.Delay(50);
        }

        Assert.Equal(0, store.WriterCount);
        Assert.Equal(AppendOutcome.Appended(2, 2), await store.AppendAsync(logId, [[2]]));
    }

    internal static async Task<List<StoredEvent>> ReadAllAsync(EventLog log, string logId)
    {
        var all = new List<StoredEvent>();
        while (true)
        {
            var page = await log.ReadAsync(logId, all.Count == 0 ? 0 : all[^1].Sequence, 1000, 8 * 1024 * 1024, CancellationToken.None);
            if (page.Events.Count == 0)
            {
                return all;
            }

            all.AddRange(page.Events);
        }
    }
}
