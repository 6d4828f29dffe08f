using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Azure;
using Azure.Data.Tables;
using Primatomic.Functions.Hosting;

namespace Primatomic.Functions.Logs;

/// <summary>
/// Each tenant's logs, in the tenant's partition of the <c>logs</c> table: a name-index row <c>"n:" + name</c> and a
/// log row <c>"l:" + log id</c>, created together by <see cref="LogCreator"/> so a name is taken exactly once. Ownership
/// answers are cached in memory: logs are never deleted, so a positive answer stays true.
/// </summary>
public sealed partial class LogCatalog(StorageClients storage)
{
    public const string TableName = "logs";
    private const int MaxCachedLogs = 100_000;

    private readonly TableClient _table = storage.Table(TableName);
    private readonly ConcurrentDictionary<(string Tenant, string LogId), LogInfo> _owned = new();
    private readonly ConcurrentDictionary<string, string> _tenantOf = new(StringComparer.Ordinal);

    /// <summary>Names made only of dots are refused: "." and ".." cannot be addressed in a URL path.</summary>
    public static bool IsValidName(string name) => ValidName().IsMatch(name) && name.Trim('.').Length > 0;

    /// <summary>
    /// Up to <paramref name="limit"/> of the tenant's logs in name order, starting after the name
    /// <paramref name="afterName"/> (from the beginning when null), read from the name-index rows, which storage keeps
    /// in that order; <c>More</c> says whether logs follow.
    /// </summary>
    public async Task<(IReadOnlyList<LogInfo> Logs, bool More)> ListPageAsync(string tenantId, string? afterName, int limit,
        CancellationToken cancellationToken)
    {
        var partition = TenantPartition(tenantId);
        var filter = afterName is null
            ? TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {"n:"} and RowKey lt {"n;"}")
            : TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey gt {"n:" + afterName} and RowKey lt {"n;"}");
        var logs = new List<LogInfo>(limit);
        await foreach (var row in _table.QueryAsync<TableEntity>(filter, maxPerPage: Math.Min(limit + 1, 1000), cancellationToken: cancellationToken))
        {
            if (logs.Count == limit)
            {
                return (logs, true);
            }

            if (await FromNameRowAsync(tenantId, row, cancellationToken) is { } log)
            {
                logs.Add(log);
            }
        }

        return (logs, false);
    }

    /// <summary>The tenant's log named <paramref name="name"/>, or null.</summary>
    public async Task<LogInfo?> FindByNameAsync(string tenantId, string name, CancellationToken cancellationToken)
    {
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(TenantPartition(tenantId), "n:" + name, cancellationToken: cancellationToken);
        return row.HasValue && row.Value is not null ? await FromNameRowAsync(tenantId, row.Value, cancellationToken) : null;
    }

    /// <summary>Name rows written since the listing was paginated carry the creation time; older ones need the log row.</summary>
    private async Task<LogInfo?> FromNameRowAsync(string tenantId, TableEntity row, CancellationToken cancellationToken)
    {
        var logId = row.GetString("LogId") ?? "";
        return row.GetDateTimeOffset("CreatedAt") is { } createdAt
            ? new LogInfo(logId, row.RowKey["n:".Length..], createdAt)
            : await FindAsync(tenantId, logId, cancellationToken);
    }

    /// <summary>The tenant's log with this id, or null when it is unknown, malformed or another tenant's.</summary>
    public async Task<LogInfo?> FindAsync(string tenantId, string logId, CancellationToken cancellationToken)
    {
        if (!Guid.TryParseExact(logId, "D", out var parsed))
        {
            return null;
        }

        var canonical = parsed.ToString("D");
        if (_owned.TryGetValue((tenantId, canonical), out var cached))
        {
            return cached;
        }

        var row = await _table.GetEntityIfExistsAsync<TableEntity>(TenantPartition(tenantId), "l:" + canonical,
            cancellationToken: cancellationToken);
        if (!row.HasValue || row.Value is null)
        {
            return null;
        }

        var log = FromRow(row.Value);
        Remember(tenantId, log);
        return log;
    }

    /// <summary>Like <see cref="FindAsync"/>, but a missing log is the API's 404.</summary>
    public async Task<LogInfo> GetAsync(string tenantId, string logId, CancellationToken cancellationToken) =>
        await FindAsync(tenantId, logId, cancellationToken) ?? throw ApiException.NotFound("No such log.");

    internal void Remember(string tenantId, LogInfo log)
    {
        if (_owned.Count >= MaxCachedLogs)
        {
            _owned.Clear();
            _tenantOf.Clear();
        }

        _owned[(tenantId, log.LogId)] = log;
        _tenantOf[log.LogId] = tenantId;
    }

    /// <summary>
    /// The tenant of a log this process has looked up recently (every append looks its log up first), for the
    /// fan-out's payload; null when not cached. Log ids are unique across tenants, so this is never ambiguous.
    /// </summary>
    public string? TenantOf(string logId) => _tenantOf.GetValueOrDefault(logId);

    private static LogInfo FromRow(TableEntity row) => new(
        row.RowKey["l:".Length..], row.GetString("Name") ?? "", row.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.MinValue);

    /// <summary>Tenant ids come from validated tokens; refuse any that could not be a partition key anyway.</summary>
    internal static string TenantPartition(string tenantId) =>
        tenantId.Length is > 0 and <= 256 && !tenantId.Any(c => c is '/' or '\\' or '#' or '?' || char.IsControl(c))
            ? tenantId
            : throw ApiException.NotFound("No such log.");

    [GeneratedRegex(@"\A[A-Za-z0-9._-]{1,64}\z")]
    private static partial Regex ValidName();
}
