using System.Globalization;
using Primatomic.Testing;

namespace Primatomic.Benchmarks;

/// <summary>
/// scripts/bench-views: apply throughput (WASM counter vs native C#), read-after-write latency, and restart
/// time with artifact + checkpoint against compiling and replaying from zero. Targets in the output.
/// </summary>
internal static class ViewsBenchmark
{
    public static async Task<int> RunAsync(BenchOptions options)
    {
        var component = await File.ReadAllBytesAsync(RepoPaths.Combine("examples", "views", "counter", "counter.wasm"));
        var events = int.Parse(Environment.GetEnvironmentVariable("BENCH_VIEWS_EVENTS") ?? "100000", CultureInfo.InvariantCulture);
        var eventBytes = int.Parse(Environment.GetEnvironmentVariable("BENCH_VIEWS_EVENT_BYTES") ?? "1024", CultureInfo.InvariantCulture);
        Console.WriteLine($"bench-views: {Environment.ProcessorCount} cores, {options.Seconds} s per apply measurement, {events:N0}-event log of {eventBytes:N0} B events for restarts");
        ViewsApplyBenchmark.Run(component, TimeSpan.FromSeconds(options.Seconds), Console.WriteLine);
        Console.WriteLine("targets: >= 1,000,000 events/s of 1 KiB through WASM; read-after-write p99 < 25 ms; restart >= 20x faster than full replay");
        if (options.Suite == "views-apply")
        {
            return 0; // scripts/bench-views --apply-only: the inner loop for engine work
        }

        await ViewsServiceBenchmark.RunAsync(component, events, eventBytes, Console.WriteLine);
        return 0;
    }
}
