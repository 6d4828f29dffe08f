using System.Globalization;
using Primatomic.Tests.Infrastructure;
using Primatomic.Tests.Views;
using Xunit.Abstractions;

namespace Primatomic.Tests.Logs;

/// <summary>
/// One of two service processes is killed (-9) while both are appending to the same log: whatever it had in flight
/// either committed whole or not at all, the survivor carries on, and the log has no gap and no duplicate.
/// </summary>
public sealed class CrashDuringAppendTests(ITestOutputHelper output) : TwoProcessTests
{
    /// <summary>Acknowledged appends that show a process is taking writes, before the kill and, for the survivor, after.</summary>
    private const int Busy = 200;

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Killing_one_of_two_writing_processes_leaves_no_gap_or_duplicate()
    {
        var clients = Clients;
        var logId = await clients[1].CreateLogAsync();
        var ledger = new AppendLedger();
        using var stop = new CancellationTokenSource();
        // Even workers append through process 0, the one killed; odd workers through process 1, the survivor.
        var workers = Enumerable.Range(0, 32).Select(worker => Task.Run(() => ledger.RunWorkerAsync(
            clients[worker % 2], logId, worker, () => !stop.IsCancellationRequested, stopWhenUnanswered: true))).ToList();
        var killedWorkers = workers.Where((_, worker) => worker % 2 == 0).ToList();

        await Eventually.TrueAsync(() => Task.FromResult(AckedThrough(ledger, 0) >= Busy && AckedThrough(ledger, 1) >= Busy),
            $"{Busy} appends acknowledged by each process", Timeout);
        await Services[0].KillAsync();
        var survivorAtKill = AckedThrough(ledger, 1);

        // Each worker of the killed process loses the append it had in flight (or is refused) and stops; the survivor's
        // workers go on being acknowledged.
        await Eventually.TrueAsync(() => Task.FromResult(killedWorkers.All(worker => worker.IsCompleted)),
            $"the killed process's workers to stop", Timeout);
        await Eventually.TrueAsync(() => Task.FromResult(AckedThrough(ledger, 1) >= survivorAtKill + Busy),
            $"{Busy} more appends acknowledged by the survivor", Timeout);
        await stop.CancelAsync();
        await Task.WhenAll(workers);

        var stored = await clients[1].ReadAllAsync(logId);
        output.WriteLine($"{ledger}, {stored.Count} stored");
        ledger.AssertConsistent(stored);
        Assert.NotEmpty(ledger.Unanswered);
        Assert.Equal(stored.Count + 1, await clients[1].AppendOkAsync(logId, [1]));
    }

    /// <summary>Appends acknowledged through <paramref name="process"/>: its workers' payloads are <c>w{worker}-n{n}</c>.</summary>
    private static int AckedThrough(AppendLedger ledger, int process) =>
        ledger.Acked.Keys.Count(payload => int.Parse(payload.AsSpan(1, payload.IndexOf('-', StringComparison.Ordinal) - 1),
            CultureInfo.InvariantCulture) % 2 == process);
}
