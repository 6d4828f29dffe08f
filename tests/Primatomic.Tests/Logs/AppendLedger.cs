using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Primatomic.Tests.Infrastructure;

namespace Primatomic.Tests.Logs;

/// <summary>
/// What concurrent appenders were told, and the checker that compares it with what the log holds: sequences 1..N
/// without gap or duplicate, every acknowledged append exactly once at its sequence, no failed append visible, and
/// nothing stored that was never appended. Appends that got no answer at all may be stored at most once.
/// </summary>
internal sealed class AppendLedger
{
    public ConcurrentDictionary<string, long> Acked { get; } = new();
    public ConcurrentBag<string> Failed { get; } = [];
    public ConcurrentBag<string> Unanswered { get; } = [];

    /// <summary>Appends unique payloads until <paramref name="keepGoing"/> says stop; every eighth carries a key.</summary>
    public async Task RunWorkerAsync(HttpClient client, string logId, int worker, Func<bool> keepGoing, bool stopWhenUnanswered = false)
    {
        for (var n = 0; keepGoing(); n++)
        {
            var payload = $"w{worker}-n{n}";
            try
            {
                using var response = await client.AppendAsync(logId, Encoding.UTF8.GetBytes(payload), n % 8 == 0 ? payload : null);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    Acked[payload] = (await response.ReadJsonAsync()).GetProperty("sequence").GetInt64();
                }
                else
                {
                    Failed.Add(payload);
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                Unanswered.Add(payload);
                if (stopWhenUnanswered)
                {
                    return;
                }
            }
        }
    }

    public void AssertConsistent(IReadOnlyList<(long Sequence, byte[] Data)> stored)
    {
        var n = stored.Count;
        Assert.Equal(Enumerable.Range(1, n).Select(i => (long)i), stored.Select(e => e.Sequence));
        var payloads = stored.Select(e => Encoding.UTF8.GetString(e.Data)).ToList();
        Assert.Equal(n, payloads.Distinct().Count());
        foreach (var (payload, sequence) in Acked)
        {
            Assert.True(sequence <= n, $"acknowledged sequence {sequence} is beyond the head {n}");
            Assert.Equal(payload, payloads[(int)sequence - 1]);
        }

        var failed = Failed.ToHashSet();
        Assert.DoesNotContain(payloads, failed.Contains);
        var unanswered = Unanswered.ToHashSet();
        Assert.All(payloads, p => Assert.True(Acked.ContainsKey(p) || unanswered.Contains(p), $"{p} was never appended"));
        Assert.Equal(Acked.Count + payloads.Count(unanswered.Contains), n);
    }

    public override string ToString() =>
        $"{Acked.Count} acknowledged, {Failed.Count} failed, {Unanswered.Count} unanswered";
}
