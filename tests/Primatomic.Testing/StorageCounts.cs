namespace Primatomic.Testing;

/// <summary>
/// One row of <see cref="StorageCounts"/>: requests of one resource, kind and status class (2 for 2xx, ...), and what
/// the proxy's <see cref="CountingStorageProxy.Describe"/> said they were for ("" when it has none).
/// </summary>
public readonly record struct StorageCountKey(string Resource, string Kind, int StatusClass, string Detail = "");

/// <summary>Requests counted; rows returned by table queries; entities carried by table writes.</summary>
public readonly record struct StorageTally(long Requests, long Rows, long Entities)
{
    public static StorageTally operator +(StorageTally a, StorageTally b) => new(a.Requests + b.Requests, a.Rows + b.Rows, a.Entities + b.Entities);

    public static StorageTally operator -(StorageTally a, StorageTally b) => new(a.Requests - b.Requests, a.Rows - b.Rows, a.Entities - b.Entities);
}

/// <summary>An immutable snapshot of a <see cref="CountingStorageProxy"/>'s counters; subtract two to get a window's traffic.</summary>
public sealed class StorageCounts(IReadOnlyDictionary<StorageCountKey, StorageTally> tallies)
{
    public static readonly StorageCounts Empty = new(new Dictionary<StorageCountKey, StorageTally>());

    public IReadOnlyDictionary<StorageCountKey, StorageTally> Tallies => tallies;

    public long Requests => Sum(_ => true).Requests;

    public StorageTally Sum(Func<StorageCountKey, bool> where) =>
        tallies.Where(t => where(t.Key)).Aggregate(default(StorageTally), (sum, t) => sum + t.Value);

    /// <summary>Rows returned by queries on one table (e.g. "table:events").</summary>
    public long RowsRead(string resource) => Sum(k => k.Resource == resource && k.Kind == StorageRequestKind.Query).Rows;

    /// <summary>Entities in table writes that storage accepted (2xx), over every table.</summary>
    public long EntitiesWritten => Sum(k => k.Resource.StartsWith("table:", StringComparison.Ordinal) && k.StatusClass == 2).Entities;

    /// <summary>Totals grouped by <paramref name="group"/>, largest first.</summary>
    public IEnumerable<(string Group, StorageTally Tally)> By(Func<StorageCountKey, string> group) =>
        tallies.GroupBy(t => group(t.Key))
            .Select(g => (g.Key, g.Aggregate(default(StorageTally), (sum, t) => sum + t.Value)))
            .OrderByDescending(g => g.Item2.Requests);

    public static StorageCounts operator -(StorageCounts later, StorageCounts earlier) =>
        new(later.Tallies.ToDictionary(t => t.Key, t => t.Value - earlier.Tallies.GetValueOrDefault(t.Key)));

    public static StorageCounts operator +(StorageCounts a, StorageCounts b) =>
        new(a.Tallies.Keys.Union(b.Tallies.Keys).ToDictionary(k => k, k => a.Tallies.GetValueOrDefault(k) + b.Tallies.GetValueOrDefault(k)));
}
