using System.Collections.Concurrent;
using System.Diagnostics;

namespace Primatomic.Benchmarks.Scale;

/// <summary>
/// Open-loop light load: <c>rate</c> appends per second, each to a random log on a random instance and followed by
/// <c>query?after=SEQ</c> of one of that log's views on another random instance (read-after-write across instances).
/// </summary>
internal sealed class LightLoad(ScaleCluster cluster, ScaleCatalog catalog, int rate)
{
    private readonly ConcurrentBag<double> _appends = [];
    private readonly ConcurrentBag<double> _queries = [];
    private int _failures;
    private int _wrong;

    public IReadOnlyCollection<double> AppendMs => _appends;
    public IReadOnlyCollection<double> QueryMs => _queries;
    public int Failures => _failures;

    /// <summary>Answers whose count was below the sequence asked for (a broken read-after-write).</summary>
    public int Wrong => _wrong;

    public async Task RunAsync(CancellationToken stop)
    {
        var live = cluster.Live.ToList();
        var inFlight = new List<Task>();
        var clock = Stopwatch.StartNew();
        for (var n = 0; !stop.IsCancellationRequested; n++)
        {
            var due = TimeSpan.FromSeconds(n / (double)rate) - clock.Elapsed;
            if (due > TimeSpan.Zero)
            {
                try
                {
                    await Task.Delay(due, stop);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }

            inFlight.Add(OneAsync(live));
        }

        await Task.WhenAll(inFlight);
    }

    private async Task OneAsync(List<ScaleInstance> live)
    {
        var log = catalog.Logs[Random.Shared.Next(catalog.Logs.Count)];
        var view = log.Views[Random.Shared.Next(log.Views.Count)];
        try
        {
            var clock = Stopwatch.StartNew();
            var sequence = await ScaleApi.AppendAsync(live[Random.Shared.Next(live.Count)], log.Token, log.LogId);
            log.Acknowledged(sequence);
            _appends.Add(clock.Elapsed.TotalMilliseconds);
            clock.Restart();
            var target = live[Random.Shared.Next(live.Count)];
            catalog.Touched[(target.Index, log.LogId, view)] = true;
            var answer = await ScaleApi.QueryAsync(target, log.Token, log.LogId, view, sequence);
            _queries.Add(clock.Elapsed.TotalMilliseconds);
            if (CounterAnswer.Count(answer) < sequence)
            {
                Interlocked.Increment(ref _wrong);
            }
        }
        catch (HttpRequestException)
        {
            Interlocked.Increment(ref _failures);
        }
    }
}

/// <summary>The counter example view answers <c>{"count":N}</c>.</summary>
internal static class CounterAnswer
{
    public static long Count(string answer) =>
        System.Text.Json.JsonDocument.Parse(answer).RootElement.GetProperty("count").GetInt64();
}
