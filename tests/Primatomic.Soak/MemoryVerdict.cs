namespace Primatomic.Soak;

/// <summary>
/// The rule for "memory keeps growing": ignore the first half (warm-up: JIT, pools, caches, the view's replica); over
/// the second half, the least-squares slope of RSS must stay at or under the threshold (MiB per minute), or the median
/// of the last third must stay within 5% of the middle third's. It fails only when both say growth, so one GC
/// sawtooth or a single late spike does not fail a run, while a steady climb does.
/// </summary>
public static class MemoryVerdict
{
    public static (bool Growing, string Explanation) Judge(IReadOnlyList<MemoryReading> readings, double maxSlope)
    {
        if (readings.Count < 6)
        {
            return (false, $"only {readings.Count} readings: too few to judge");
        }

        var secondHalf = readings.Skip(readings.Count / 2).ToList();
        var slope = Slope(secondHalf);
        var third = readings.Count / 3;
        var middle = Median(readings.Skip(third).Take(third));
        var last = Median(readings.Skip(readings.Count - third));
        var slopeSaysGrowth = slope > maxSlope;
        var thirdsSayGrowth = last > middle * 1.05;
        return (slopeSaysGrowth && thirdsSayGrowth,
            $"second-half slope {slope:0.00} MiB/min (limit {maxSlope:0.00}); median RSS middle third {middle:0.0} MiB, last third {last:0.0} MiB ({(last / middle - 1) * 100:+0.0;-0.0}%, limit +5%)");
    }

    private static double Slope(IReadOnlyList<MemoryReading> readings)
    {
        var meanX = readings.Average(r => r.Minutes);
        var meanY = readings.Average(r => r.RssMiB);
        var covariance = readings.Sum(r => (r.Minutes - meanX) * (r.RssMiB - meanY));
        var variance = readings.Sum(r => (r.Minutes - meanX) * (r.Minutes - meanX));
        return variance == 0 ? 0 : covariance / variance;
    }

    private static double Median(IEnumerable<MemoryReading> readings)
    {
        var sorted = readings.Select(r => r.RssMiB).Order().ToList();
        return sorted.Count == 0 ? 0 : sorted[sorted.Count / 2];
    }
}
