using System.Diagnostics;
using Primatomic.Functions.Views;
using Primatomic.Functions.Views.Runtime;

namespace Primatomic.Benchmarks;

/// <summary>
/// Apply throughput in one process on one core: the WASM counter through ViewInstance (one <c>append</c> call per
/// event, as the published contract says) next to a native C# counter, for random binary payloads of 16 B, 1 KiB and
/// 64 KiB. Each figure is the median of several rounds; WASM and native alternate inside one run.
/// </summary>
internal static class ViewsApplyBenchmark
{
    private const int Rounds = 5;
    private const long BatchBytes = 4 << 20; // about what the replica hands a view at once

    public static IReadOnlyDictionary<int, double> Run(byte[] counterComponent, TimeSpan duration, Action<string> print)
    {
        using var engine = new ViewEngine(new ViewLimits());
        using var compiled = engine.Compile(counterComponent);
        using var view = engine.Instantiate(compiled);
        var results = new Dictionary<int, double>();
        foreach (var size in new[] { 16, 1024, 64 * 1024 })
        {
            var batch = (int)Math.Min(1000, BatchBytes / size);
            var events = RandomEvents(batch, size);
            var native = new NativeCounter();
            var wasmRounds = new List<double>();
            var nativeRounds = new List<double>();
            for (var round = 0; round < Rounds; round++)
            {
                wasmRounds.Add(Measure(duration / Rounds, batch, () => view.Apply(events)));
                nativeRounds.Add(Measure(duration / Rounds, batch, () => native.Apply(events)));
            }

            var wasm = Median(wasmRounds);
            results[size] = wasm;
            var mib = wasm * size / (1 << 20);
            print($"apply {Label(size),6} random binary events: WASM counter {wasm,13:N0} events/s ({mib,7:N0} MiB/s)   native C# counter {Median(nativeRounds),13:N0} events/s   (median of {Rounds} rounds)");
        }

        return results;
    }

    private static string Label(int size) => size >= 1024 ? $"{size / 1024} KiB" : $"{size} B";

    private static ViewEvent[] RandomEvents(int count, int size)
    {
        var random = new Random(size);
        var events = new ViewEvent[count];
        for (var i = 0; i < count; i++)
        {
            var payload = new byte[size];
            random.NextBytes(payload);
            events[i] = new ViewEvent((ulong)i + 1, payload);
        }

        return events;
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        return values[values.Count / 2];
    }

    private static double Measure(TimeSpan duration, int batchSize, Action batch)
    {
        for (var i = 0; i < 5; i++)
        {
            batch(); // warm-up: tiering, buffers
        }

        var clock = Stopwatch.StartNew();
        long batches = 0;
        while (clock.Elapsed < duration)
        {
            batch();
            batches++;
        }

        return batches * batchSize / clock.Elapsed.TotalSeconds;
    }

    /// <summary>The same fold in C#: count events (and look at each payload, as the WASM one receives each one).</summary>
    private sealed class NativeCounter
    {
        private long _count;
        private long _checksum;

        public void Apply(IReadOnlyList<ViewEvent> events)
        {
            foreach (var e in events)
            {
                _count++;
                _checksum += e.Payload.Span[^1];
            }
        }
    }
}
