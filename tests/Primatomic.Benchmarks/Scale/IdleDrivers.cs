using Primatomic.Testing;

namespace Primatomic.Benchmarks.Scale;

/// <summary>
/// One idle window's storage traffic split by what drives it (<see cref="IdleDriver"/>), each divided by its own
/// unit as /ops/placement showed it at the window's end: placement per shard and per instance, catalogue version
/// reads per held catalogue partition, head reads per followed log, and the rest per led replica.
/// </summary>
internal sealed record IdleDrivers(
    double Seconds, double Total, double ShardRequests, double NodeRequests, double VersionReads, double HeadReads, double Rest,
    StorageCounts RestCounts, int Instances, int Shards, int HeldPartitions, int Followed, int Led, int Hibernating)
{
    /// <summary>Catalogue partitions (fixed): each held by exactly one instance, through its shard.</summary>
    public const int Partitions = 256;

    public double PerShard => Shards == 0 ? 0 : ShardRequests / Shards;
    public double PerInstance => Instances == 0 ? 0 : NodeRequests / Instances;
    public double PerPartition => HeldPartitions == 0 ? 0 : VersionReads / HeldPartitions;
    public double PerFollowed => Followed == 0 ? 0 : HeadReads / Followed;
    public double PerLed => Led == 0 ? 0 : Rest / Led;

    public static IdleDrivers From(TrafficResult window, int shards)
    {
        var counts = window.Counts;
        double Rate(string driver) => counts.Sum(k => k.Detail == driver).Requests / window.Seconds;
        var placements = window.Placement.Values.Where(p => p is not null).Select(p => p!).ToList();
        var drivers = new[] { IdleDriver.Shard, IdleDriver.Node, IdleDriver.CatalogueVersion, IdleDriver.LogHead };
        var rest = new StorageCounts(counts.Tallies.Where(t => !drivers.Contains(t.Key.Detail)).ToDictionary(t => t.Key, t => t.Value));
        return new IdleDrivers(window.Seconds, counts.Requests / window.Seconds,
            Rate(IdleDriver.Shard), Rate(IdleDriver.Node), Rate(IdleDriver.CatalogueVersion), Rate(IdleDriver.LogHead), rest.Requests / window.Seconds, rest,
            window.InstanceRps.Count, shards,
            placements.Sum(p => p.Shards.Count) * (Partitions / shards),
            placements.Sum(p => p.LogsFollowed), placements.Sum(p => p.Leading), placements.Sum(p => p.Hibernating));
    }
}
