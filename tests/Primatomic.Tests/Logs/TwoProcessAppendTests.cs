using System.Diagnostics;
using Primatomic.Testing;
using Primatomic.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Primatomic.Tests.Logs;

/// <summary>
/// Acceptance 2: two real service processes over one Azurite, 64 concurrent clients appending to the same log
/// through both for 10 s. The checker then proves every acknowledged append is stored exactly once at its
/// acknowledged sequence, sequences run 1..N with no gap, and no failed append is visible.
/// </summary>
public sealed class TwoProcessAppendTests(ITestOutputHelper output) : TwoProcessTests
{
    private const int Writers = 64;
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Concurrent_appends_through_two_processes_are_each_stored_once_without_gaps()
    {
        var clients = Clients;
        var logId = await clients[0].CreateLogAsync();
        var ledger = new AppendLedger();
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Writers).Select(worker =>
            Task.Run(() => ledger.RunWorkerAsync(clients[worker % clients.Length], logId, worker, () => clock.Elapsed < Duration))));

        var stored = await clients[1].ReadAllAsync(logId);
        output.WriteLine($"{ledger}, {stored.Count} stored, {stored.Count / Duration.TotalSeconds:F0} appends/s");
        ledger.AssertConsistent(stored);
        Assert.True(ledger.Acked.Count > 100, $"only {ledger.Acked.Count} appends were acknowledged in {Duration}");
        // A healthy store answers every append: conflicts between the processes are retried, never surfaced.
        Assert.Empty(ledger.Failed);
        Assert.Empty(ledger.Unanswered);
    }
}
