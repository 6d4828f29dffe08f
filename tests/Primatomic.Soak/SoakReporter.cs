using System.Diagnostics;
using System.Globalization;
using System.Threading.Channels;

namespace Primatomic.Soak;

/// <summary>
/// The only reader of the samples: every 10 s it prints throughput and p50/p99 latency per kind, the errors, and the
/// service's RSS, which it also keeps for the memory verdict.
/// </summary>
public sealed class SoakReporter(ChannelReader<Sample> samples, Func<double?> rssMiB, TextWriter output)
{
    private static readonly string[] Kinds = ["append", "read", "long-poll", "query"];
    private readonly Dictionary<string, List<double>> _window = Kinds.ToDictionary(k => k, _ => new List<double>());
    private readonly SortedDictionary<string, int> _errors = new(StringComparer.Ordinal);
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private TimeSpan _windowStart;

    public List<MemoryReading> Memory { get; } = [];
    public Dictionary<string, long> Totals { get; } = Kinds.ToDictionary(k => k, _ => 0L);
    public SortedDictionary<string, int> TotalErrors { get; } = new(StringComparer.Ordinal);

    public async Task RunAsync()
    {
        var next = SoakOptions.Interval;
        while (true)
        {
            using var tick = new CancellationTokenSource(Max(next - _clock.Elapsed, TimeSpan.Zero));
            try
            {
                if (!await samples.WaitToReadAsync(tick.Token))
                {
                    Print();
                    return;
                }

                while (samples.TryRead(out var sample))
                {
                    Add(sample);
                }
            }
            catch (OperationCanceledException)
            {
                // The 10 s tick.
            }

            if (_clock.Elapsed >= next)
            {
                Print();
                next += SoakOptions.Interval;
            }
        }
    }

    private void Add(Sample sample)
    {
        if (sample.Status == 200)
        {
            _window[sample.Kind].Add(sample.Milliseconds);
            Totals[sample.Kind]++;
            return;
        }

        var key = $"{sample.Kind} {(sample.Status == 0 ? "no answer" : sample.Status.ToString(CultureInfo.InvariantCulture))}";
        _errors[key] = _errors.GetValueOrDefault(key) + 1;
        TotalErrors[key] = TotalErrors.GetValueOrDefault(key) + 1;
    }

    private void Print()
    {
        // The last window is usually shorter than the interval (and long-polls drain in it): rates use its real length.
        var seconds = Math.Max(0.001, (_clock.Elapsed - _windowStart).TotalSeconds);
        _windowStart = _clock.Elapsed;
        var rss = rssMiB();
        if (rss is { } mib)
        {
            Memory.Add(new MemoryReading(_clock.Elapsed.TotalMinutes, mib));
        }

        var kinds = string.Join(" | ", Kinds.Select(k =>
        {
            var latencies = _window[k].Order().ToList();
            return string.Create(CultureInfo.InvariantCulture,
                $"{k} {latencies.Count / seconds,6:0.0}/s p50 {Percentile(latencies, 0.50),5:0} p99 {Percentile(latencies, 0.99),5:0} ms");
        }));
        var errors = _errors.Count == 0 ? "0" : string.Join(", ", _errors.Select(e => $"{e.Key}×{e.Value}"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"t={_clock.Elapsed.TotalSeconds,5:0}s {kinds} | errors {errors} | rss {(rss is { } r ? r.ToString("0.0", CultureInfo.InvariantCulture) : "?")} MiB"));
        foreach (var list in _window.Values)
        {
            list.Clear();
        }

        _errors.Clear();
    }

    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
