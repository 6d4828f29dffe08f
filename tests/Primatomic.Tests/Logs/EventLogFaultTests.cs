using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging.Abstractions;
using Primatomic.Functions.Logs.Storage;

namespace Primatomic.Tests.Logs;

/// <summary>
/// Ambiguous outcomes against real Azurite: the transport loses commit transactions before they reach storage, or
/// loses the answer after storage committed them. Retries must never write an append twice or leave a gap.
/// </summary>
public sealed class EventLogFaultTests : IAsyncLifetime
{
    private TableClient _table = null!;
    private string _connectionString = null!;

    public async Task InitializeAsync()
    {
        (_table, _connectionString) = await PrivateEventsTable.CreateAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Lost_requests_and_lost_answers_are_retried_without_duplicates_or_gaps()
    {
        var faults = new LosingPolicy(seed: 7);
        var options = new TableClientOptions();
        options.AddPolicy(faults, HttpPipelinePosition.PerCall);
        var flakyTable = new TableServiceClient(_connectionString, options).GetTableClient(_table.Name);
        await using var flaky = new EventLog(flakyTable, new CommitSignals(), NullLogger<EventLog>.Instance);
        await using var healthy = new EventLog(_table, new CommitSignals(), NullLogger<EventLog>.Instance);
        var logId = Guid.NewGuid().ToString("D");

        // Waves of concurrent appends through both stores: many small group commits, each at risk.
        var outcomes = new List<AppendOutcome>();
        for (var wave = 0; wave < 30; wave++)
        {
            outcomes.AddRange(await Task.WhenAll(Enumerable.Range(wave * 8, 8).Select(i =>
            {
                var store = i % 3 == 0 ? healthy : flaky;
                return store.AppendAsync(logId, [BitConverter.GetBytes(i)], i % 4 == 0 ? $"key-{i}" : null);
            })));
        }

        Assert.True(faults.LostAnswers > 0 && faults.LostRequests > 0, $"faults: {faults.LostRequests} requests, {faults.LostAnswers} answers");
        var stored = await EventLogContractTests.ReadAllAsync(healthy, logId);
        Assert.Equal(Enumerable.Range(1, stored.Count).Select(i => (long)i), stored.Select(e => e.Sequence));
        var acked = outcomes.Select((o, i) => (Outcome: o, Index: i)).Where(x => x.Outcome.Status == AppendStatus.Appended).ToList();
        Assert.Equal(240, acked.Count);
        Assert.Equal(acked.Count, stored.Count);
        foreach (var (outcome, index) in acked)
        {
            Assert.Equal(index, BitConverter.ToInt32(stored[(int)outcome.First - 1].Data));
        }
    }

    [Fact]
    public async Task An_append_answered_unavailable_leaves_nothing_visible()
    {
        var options = new TableClientOptions();
        options.AddPolicy(new LosingPolicy(seed: 1, everyCommit: true), HttpPipelinePosition.PerCall);
        var brokenTable = new TableServiceClient(_connectionString, options).GetTableClient(_table.Name);
        await using var broken = new EventLog(brokenTable, new CommitSignals(), NullLogger<EventLog>.Instance,
            commitBudget: TimeSpan.FromSeconds(2));
        await using var healthy = new EventLog(_table, new CommitSignals(), NullLogger<EventLog>.Instance);
        var logId = Guid.NewGuid().ToString("D");
        Assert.Equal(AppendOutcome.Appended(1, 1), await healthy.AppendAsync(logId, [[1]]));

        Assert.Equal(AppendStatus.Unavailable, (await broken.AppendAsync(logId, [[2]], "k")).Status);

        Assert.Equal(AppendOutcome.Appended(2, 2), await healthy.AppendAsync(logId, [[3]], "k"));
        Assert.Equal([1L, 2L], (await EventLogContractTests.ReadAllAsync(healthy, logId)).Select(e => e.Sequence));
    }

    /// <summary>Loses one in four commit transactions: half before sending, half after storage answered.</summary>
    private sealed class LosingPolicy(int seed, bool everyCommit = false) : HttpPipelinePolicy
    {
        private readonly Random _random = new(seed);
        private int _lostRequests;
        private int _lostAnswers;

        public int LostRequests => _lostRequests;
        public int LostAnswers => _lostAnswers;

        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
            throw new NotSupportedException("The table client is used asynchronously only.");

        public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            int roll;
            lock (_random)
            {
                roll = _random.Next(8);
            }

            var isCommit = message.Request.Uri.ToString().Contains("batch", StringComparison.Ordinal);
            if (isCommit && (roll == 0 || everyCommit))
            {
                Interlocked.Increment(ref _lostRequests);
                throw new IOException("Injected: the request never reached storage.");
            }

            await ProcessNextAsync(message, pipeline);
            if (isCommit && roll == 1)
            {
                Interlocked.Increment(ref _lostAnswers);
                throw new IOException("Injected: storage answered, but the answer was lost.");
            }
        }
    }
}
