using System.Diagnostics;

namespace Primatomic.Benchmarks;

/// <summary>Runs <paramref name="workers"/> loops for a fixed time and reports completed units per second.</summary>
internal static class Throughput
{
    public static async Task<double> MeasureAsync(int workers, TimeSpan duration, Func<int, CancellationToken, Task<int>> step)
    {
        using var stop = new CancellationTokenSource(duration);
        long completed = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, workers).Select(worker => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var units = await step(worker, CancellationToken.None);
                Interlocked.Add(ref completed, units);
            }
        })));
        return completed / clock.Elapsed.TotalSeconds;
    }
}
