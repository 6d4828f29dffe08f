using System.Diagnostics;
using Primatomic.Testing;

namespace Primatomic.Benchmarks.Scale;

/// <summary>
/// Storage traffic over one measured window (rates over the whole window: the service's timers fire in bursts every
/// few seconds, so a median of short rounds could land between them) and memory, the median of a reading per round.
/// </summary>
internal sealed record TrafficResult(
    double Seconds,
    double Rps,
    IReadOnlyDictionary<int, double> InstanceRps,
    StorageCounts Counts,
    IReadOnlyDictionary<int, MemoryReading> Memory,
    IReadOnlyDictionary<int, PlacementReading?> Placement,
    IReadOnlyDictionary<int, double> CpuShare,
    double AzuriteCpuShare,
    double ProxiesCpuShare)
{
    public double Rate(long count) => count / Seconds;
}

internal static class TrafficWindow
{
    /// <summary>Counts every live instance's storage requests for <paramref name="window"/>, reading memory <paramref name="rounds"/> times.</summary>
    public static async Task<TrafficResult> MeasureAsync(ScaleCluster cluster, TimeSpan window, int rounds)
    {
        var live = cluster.Live.ToList();
        var before = live.ToDictionary(i => i.Index, i => i.Proxy.Snapshot());
        var memory = live.ToDictionary(i => i.Index, _ => new List<MemoryReading>());
        var start = cluster.Snapshot();
        var cpu = live.ToDictionary(i => i.Index, i => i.CpuSeconds());
        var azurite = ProcessCpu.AzuriteProcessId(cluster.Azurite.DataDirectory);
        var azuriteCpu = azurite is { } a ? ProcessCpu.Seconds(a) : double.NaN;
        var selfCpu = ProcessCpu.Seconds(Environment.ProcessId);
        var clock = Stopwatch.StartNew();
        for (var round = 0; round < rounds; round++)
        {
            await Task.Delay(window / rounds);
            foreach (var instance in live)
            {
                memory[instance.Index].Add(instance.ReadMemory());
            }
        }

        var elapsed = clock.Elapsed.TotalSeconds;
        var after = live.ToDictionary(i => i.Index, i => i.Proxy.Snapshot());
        var counts = cluster.Snapshot() - start;
        var cpuShare = live.ToDictionary(i => i.Index, i => (i.CpuSeconds() - cpu[i.Index]) / elapsed);
        var placement = new Dictionary<int, PlacementReading?>();
        foreach (var instance in live)
        {
            placement[instance.Index] = await instance.PlacementAsync();
        }

        return new TrafficResult(elapsed, counts.Requests / elapsed,
            live.ToDictionary(i => i.Index, i => (after[i.Index] - before[i.Index]).Requests / elapsed), counts,
            memory.ToDictionary(m => m.Key, m => MemoryReading.Median(m.Value)),
            placement, cpuShare,
            azurite is { } id ? (ProcessCpu.Seconds(id) - azuriteCpu) / elapsed : double.NaN,
            (ProcessCpu.Seconds(Environment.ProcessId) - selfCpu) / elapsed);
    }
}

internal static class Stats
{
    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? double.NaN
            : sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    public static double Percentile(IReadOnlyCollection<double> values, int percentile)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, sorted.Count * percentile / 100)];
    }
}
