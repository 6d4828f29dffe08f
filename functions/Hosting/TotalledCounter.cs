using System.Diagnostics.Metrics;

namespace Primatomic.Functions.Hosting;

/// <summary>
/// A metric counter that also keeps its own running total, so tests, benchmarks and periodic log lines can read the
/// count without attaching a meter listener.
/// </summary>
public sealed class TotalledCounter(Counter<long> counter)
{
    private long _total;

    public long Total => Interlocked.Read(ref _total);

    /// <summary>Adds a positive amount to both; zero and below change nothing.</summary>
    public void Add(long value)
    {
        if (value > 0)
        {
            counter.Add(value);
            Interlocked.Add(ref _total, value);
        }
    }
}
