using Azure.Data.Tables;
using Primatomic.Functions.Views.Placement;

namespace Primatomic.Functions.Views.Catalog;

/// <summary>
/// The layout of the view catalogue table: partition <c>p{NNN}</c> (<see cref="ShardMap.PartitionOf"/> of the log),
/// row <c>{log id}:{view}</c>, plus one <c>~version</c> row per partition that every deploy and delete bumps in the
/// same transaction, so an instance learns that a partition changed from one small row.
/// </summary>
internal static class CatalogRows
{
    public const string VersionRowKey = "~version";

    public static string Partition(int partition) => $"p{partition:D3}";

    public static string PartitionOf(string logId) => Partition(ShardMap.PartitionOf(logId));

    public static string RowKey(string logId, string name) => $"{logId}:{name}";

    /// <summary>Filter for every view of one log: its rows sort together, from "{log}:" up to "{log};".</summary>
    public static string LogFilter(string logId) => TableClient.CreateQueryFilter(
        $"PartitionKey eq {PartitionOf(logId)} and RowKey ge {logId + ":"} and RowKey lt {logId + ";"}");

    /// <summary>Filter for every view in one partition (the version row sorts after them and is left out).</summary>
    public static string PartitionFilter(int partition) => TableClient.CreateQueryFilter(
        $"PartitionKey eq {Partition(partition)} and RowKey lt {VersionRowKey}");

    public static TableEntity ToRow(string tenantId, ViewRecord record) => new(PartitionOf(record.LogId), RowKey(record.LogId, record.Name))
    {
        ["TenantId"] = tenantId,
        ["LogId"] = record.LogId,
        ["Name"] = record.Name,
        ["ContentHash"] = record.ContentHash,
        ["Version"] = record.Version,
        ["CreatedAt"] = record.CreatedAt,
    };

    public static ViewRecord FromRow(TableEntity row) => new(
        row.GetString("LogId"), row.GetString("Name"), row.GetString("ContentHash"), row.GetInt64("Version").GetValueOrDefault(),
        row.GetDateTimeOffset("CreatedAt").GetValueOrDefault());

    /// <summary>The partition's version row after one more change.</summary>
    public static TableEntity NextVersion(string partitionKey, TableEntity? current) =>
        new(partitionKey, VersionRowKey) { ["Version"] = (current?.GetInt64("Version") ?? 0) + 1 };
}
