using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text;
using Primatomic.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Primatomic.Tests.Logs;

/// <summary>
/// Keyed appends through two real service processes at once: every append is sent to both with the same key and
/// body, as a client retrying on another instance would. Both answer the same sequence, each key is stored once,
/// and after a process restarts (its writer and key window gone) a retry still answers the original sequence.
/// </summary>
public sealed class TwoProcessKeyedAppendTests(ITestOutputHelper output) : TwoProcessTests
{
    private const int Writers = 64;
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task Keys_sent_to_both_processes_are_stored_once_and_answered_alike_even_after_a_restart()
    {
        var clients = Clients;
        var logId = await clients[0].CreateLogAsync();
        var answers = new ConcurrentDictionary<string, long>();
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Writers).Select(worker => Task.Run(async () =>
        {
            for (var n = 0; clock.Elapsed < Duration; n++)
            {
                var key = $"w{worker}-n{n}";
                var both = await Task.WhenAll(clients.Select(c => c.AppendOkAsync(logId, Encoding.UTF8.GetBytes(key), key)));
                Assert.True(both[0] == both[1], $"{key} was answered {both[0]} by one process and {both[1]} by the other");
                answers[key] = both[0];
            }
        })));

        var stored = await clients[1].ReadAllAsync(logId);
        output.WriteLine($"{answers.Count} keys sent to both processes, {stored.Count} events stored");
        Assert.Equal(answers.Count, stored.Count);
        Assert.Equal(Enumerable.Range(1, stored.Count).Select(i => (long)i), stored.Select(e => e.Sequence));
        foreach (var (key, sequence) in answers)
        {
            Assert.Equal(key, Encoding.UTF8.GetString(stored[(int)sequence - 1].Data));
        }

        await Services[0].RestartAsync();
        using var restarted = Services[0].CreateClient();
        restarted.DefaultRequestHeaders.Authorization = clients[0].DefaultRequestHeaders.Authorization;
        foreach (var (key, sequence) in answers.Where((_, i) => i % 10 == 0))
        {
            Assert.Equal(sequence, await restarted.AppendOkAsync(logId, Encoding.UTF8.GetBytes(key), key));
        }

        using var reused = await restarted.AppendAsync(logId, [1, 2, 3], answers.Keys.First());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, reused.StatusCode);
        Assert.Contains("IDEMPOTENCY_KEY_REUSED", await reused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(stored.Count, (await restarted.ReadAllAsync(logId)).Count);
    }
}
