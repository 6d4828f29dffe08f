using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Azure;
using Azure.Data.Tables;
using Primatomic.Functions.Hosting;

namespace Primatomic.Functions.Logs;

/// <summary>
/// Each tenant's logs, in the tenant's partition of the <c>logs</c> table: a name-index row <c>"n:" + name</c> and a
/// log row <c>"l:" + log id</c>, created together in one transaction so a name is taken exactly once. Ownership
/// answers are cached in memory: logs are never deleted, so a positive answer stays true.
/// </summary>
public sealed partial class LogCatalog(StorageClients storage, TimeProvider time)
{
    public const string TableName = "logs";
    private const int MaxCachedLogs = 100_000;

    private readonly TableClient _table = storage.Table(TableName);
    private readonly ConcurrentDictionary<(string Tenant, string LogId), LogInfo> _owned = new();
    private readonly ConcurrentDictionary<string, string> _tenantOf = new(StringComparer.Ordinal);

    /// <summary>Names made only of dots are refused: "." and ".." cannot be addressed in a URL path.</summary>
    public static bool IsValidName(string name) => ValidName().IsMatch(name) && name.Trim('.').Length > 0;

    public async Task<LogInfo> CreateAsync(string tenantId, string name, CancellationToken cancellationToken)
    {
        if (!IsValidName(name))
        {
            throw ApiException.Validation("A log name is 1-64 characters of A-Z, a-z, 0-9, '.', '_' and '-', and not only dots.");
        }

        var log = new LogInfo(Guid.NewGuid().ToString("D"), name, time.GetUtcNow());
        var partition = TenantPartition(tenantId);
        try
        {
            await _table.SubmitTransactionAsync(
            [
                new TableTransactionAction(TableTransactionActionType.Add, new TableEntity(partition, "n:" + name) { ["LogId"] = log.LogId }),
                new TableTransactionAction(TableTransactionActionType.Add, new TableEntity(partition, "l:" + log.LogId)
                {
                    ["Name"] = name,
                    ["CreatedAt"] = log.CreatedAt,
                }),
            ], cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == StatusCodes.Status409Conflict)
        {
            throw ApiException.Conflict($"This tenant already has a log named '{name}'.");
        }

        Remember(tenantId, log);
        return log;
    }

    public async Task<IReadOnlyList<LogInfo>> ListAsync(string tenantId, CancellationToken cancellationToken)
    {
        var partition = TenantPartition(tenantId);
        var logs = new List<LogInfo>();
        await foreach (var row in _table.QueryAsync<TableEntity>(
                           TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {"l:"} and RowKey lt {"l;"}"),
                           cancellationToken: cancellationToken))
        {
            logs.Add(FromRow(row));
        }

        // Row keys are random ids; name order is what a person scanning the list expects.
        return [.. logs.OrderBy(log => log.Name, StringComparer.Ordinal)];
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

    private void Remember(string tenantId, LogInfo log)
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
    private static string TenantPartition(string tenantId) =>
        tenantId.Length is > 0 and <= 256 && !tenantId.Any(c => c is '/' or '\\' or '#' or '?' || char.IsControl(c))
            ? tenantId
            : throw ApiException.NotFound("No such log.");

    [GeneratedRegex(@"\A[A-Za-z0-9._-]{1,64}\z")]
    private static partial Regex ValidName();
}
