using System.Diagnostics;
using Primatomic.Functions.Views;
using Primatomic.Functions.Views.Runtime;

namespace Primatomic.Benchmarks;

/// <summary>Apply throughput in one process on one core: the WASM counter through ViewInstance next to a native C# counter.</summary>
internal static class ViewsApplyBenchmark
{
    private const int Batch = 1000;

    public static void Run(byte[] counterComponent, TimeSpan duration, Action<string> print)
    {
        using var engine = new ViewEngine(new ViewLimits());
        using var compiled = engine.Compile(counterComponent);
        using var view = engine.Instantiate(compiled);
        foreach (var size in new[] { 16, 256, 1024 })
        {
            var payload = new byte[size];
            payload.AsSpan().Fill((byte)'j'); // JSON-like ASCII payloads: the common case (binary costs more, docs/views.md)
            var events = new ViewEvent[Batch];
            ulong sequence = 0;
            var wasm = Measure(duration, () =>
            {
                for (var i = 0; i < Batch; i++)
                {
                    events[i] = new ViewEvent(++sequence, payload);
                }

                view.Apply(events);
            });

            var native = new NativeCounter();
            var csharp = Measure(duration, () =>
            {
                for (var i = 0; i < Batch; i++)
                {
                    events[i] = new ViewEvent(++sequence, payload);
                }

                native.Apply(events);
            });
            print($"apply {size,5} B events: WASM counter {wasm,13:N0} events/s   native C# counter {csharp,13:N0} events/s");
        }
    }

    private static double Measure(TimeSpan duration, Action batch)
    {
        for (var i = 0; i < 20; i++)
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

        return batches * Batch / clock.Elapsed.TotalSeconds;
    }

    /// <summary>The same fold in C#: count events (and look at each payload, as the WASM one reads each header).</summary>
    private sealed class NativeCounter
    {
        private long _count;
        private long _bytes;

        public void Apply(IReadOnlyList<ViewEvent> events)
        {
            foreach (var e in events)
            {
                _count++;
                _bytes += e.Payload.Length;
            }
        }
    }
}
