using System.Globalization;
using Primatomic.Testing;

namespace Primatomic.Benchmarks.Scale;

/// <summary>Prints the measured figures: traffic per window, per instance, by resource and kind; latencies.</summary>
internal static class ScaleReport
{
    /// <summary>Writes one line; the benchmark sets the invariant culture at its start, so figures read the same everywhere.</summary>
    public static void Line(string text) => Console.WriteLine(text);

    public static void Traffic(string title, TrafficResult result, int views, int rounds)
    {
        Line($"{title}: {result.Rps:N1} storage requests/s (over {result.Seconds:N0} s; memory the median of {rounds} readings)" +
            (views > 0 ? $", {result.Rps / views:N3} per view" : "") + $", {result.Rps / result.InstanceRps.Count:N1} per instance");
        foreach (var (index, rps) in result.InstanceRps.OrderBy(r => r.Key))
        {
            var memory = result.Memory[index];
            var placement = result.Placement.GetValueOrDefault(index);
            Line($"  instance #{index}: {rps,8:N1} req/s   CPU {result.CpuShare[index],5:P0}   RSS {memory.RssMiB,7:N0} MiB   VmSize {memory.VmSizeMiB / 1024,8:N1} GiB   {memory.Mappings,6:N0} mappings" +
                (placement is null ? "" : $"   shards {placement.Shards.Count}, leading {placement.Leading}, on demand {placement.OnDemand}, logs followed {placement.LogsFollowed}"));
        }

        Line($"  CPU of Azurite {result.AzuriteCpuShare:P0}, of this benchmark (its proxies and load) {result.ProxiesCpuShare:P0}; 100 % = one core of {Environment.ProcessorCount}");
        Breakdown(result.Counts, result.Seconds);
        Line("    by driver: " + string.Join(", ", result.Counts.By(k => k.Detail.Length == 0 ? "other" : k.Detail)
            .Where(d => d.Tally.Requests > 0).Select(d => $"{d.Group} {d.Tally.Requests / result.Seconds:N1}")) + " req/s");
    }

    /// <summary>Requests/s by table or container and kind, with their status classes and rows/entities where there are any.</summary>
    public static void Breakdown(StorageCounts counts, double seconds)
    {
        foreach (var (group, tally) in counts.By(k => $"{k.Resource} {k.Kind}").Where(g => g.Tally.Requests > 0))
        {
            var statuses = string.Join(" ", counts.Tallies.Where(t => $"{t.Key.Resource} {t.Key.Kind}" == group)
                .GroupBy(t => t.Key.StatusClass).OrderBy(g => g.Key)
                .Select(g => $"{(g.Key == 0 ? "failed" : g.Key + "xx")}:{g.Sum(t => t.Value.Requests).ToString("N0", CultureInfo.InvariantCulture)}"));
            var extra = (tally.Rows > 0 ? $", {tally.Rows:N0} rows" : "") + (tally.Entities > 0 ? $", {tally.Entities:N0} entities" : "");
            Line($"    {group,-28} {tally.Requests / seconds,9:N1} req/s  ({statuses}{extra})");
        }
    }

    public static void Latency(string title, IReadOnlyCollection<double>? values)
    {
        if (values is null || values.Count == 0)
        {
            Line($"{title}: n/a");
            return;
        }

        Line($"{title}: p50 {Stats.Percentile(values, 50):N1} ms   p99 {Stats.Percentile(values, 99):N1} ms   ({values.Count} queries)");
    }

    public static string Seconds(double? value) => value is { } s ? string.Create(CultureInfo.InvariantCulture, $"{s:N1} s") : "n/a";
}
