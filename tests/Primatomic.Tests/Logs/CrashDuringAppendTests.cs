using System.Diagnostics;
using Primatomic.Testing;
using Primatomic.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Primatomic.Tests.Logs;

/// <summary>
/// One of two service processes is killed (-9) while both are appending to the same log: whatever it had in flight
/// either committed whole or not at all, the survivor carries on, and the log has no gap and no duplicate.
/// </summary>
public sealed class CrashDuringAppendTests(ITestOutputHelper output) : TwoProcessTests
{
    [Fact]
    public async Task Killing_one_of_two_writing_processes_leaves_no_gap_or_duplicate()
    {
        var clients = Clients;
        var logId = await clients[1].CreateLogAsync();
        var ledger = new AppendLedger();
        var clock = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, 32).Select(worker => Task.Run(() => ledger.RunWorkerAsync(
            clients[worker % 2], logId, worker, () => clock.Elapsed < TimeSpan.FromSeconds(4), stopWhenUnanswered: true))).ToList();
        await Task.Delay(TimeSpan.FromSeconds(2));
        await Services[0].KillAsync();
        await Task.WhenAll(workers);

        var stored = await clients[1].ReadAllAsync(logId);
        output.WriteLine($"{ledger}, {stored.Count} stored");
        ledger.AssertConsistent(stored);
        Assert.NotEmpty(ledger.Unanswered);
        Assert.Equal(stored.Count + 1, await clients[1].AppendOkAsync(logId, [1]));
    }
}
