using Azure;
using Azure.Data.Tables;
using Primatomic.Functions.Hosting;
using Primatomic.Functions.Views.Catalog;

namespace Primatomic.Functions.Views;

/// <summary>
/// The deployed views (<see cref="CatalogRows"/> for the layout). Each deployment bumps the view's <c>Version</c>, so
/// every instance can tell that its replica runs an older deployment and rebuild it; each deploy or delete bumps its
/// partition's version row in the same transaction, so the instances leading that partition notice (see
/// <see cref="Placement.ViewHost"/>) without rescanning the catalogue.
/// </summary>
public sealed class ViewCatalog(StorageClients storage)
{
    public const string TableName = "viewcatalog";

    /// <summary>How old a remembered row may be when a query uses it: a redeploy or delete made on another instance
    /// reaches queries here within this time (on the deploying instance at once).</summary>
    public static readonly TimeSpan QueryFreshness = TimeSpan.FromSeconds(1);

    private readonly TableClient _table = storage.Table(TableName);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(string LogId, string Name), (ViewRecord Record, long ReadAt)> _recent = new();

    /// <summary>
    /// Throws 409 VIEW_LIMIT_REACHED when a new view named <paramref name="name"/> would exceed the log's or the
    /// tenant's cap (a redeploy of an existing view always has room). Checked before compiling, so that a tenant at
    /// its cap costs no compile; deploys that race past it exceed it by at most their number (compiles per tenant
    /// are bounded).
    /// </summary>
    public async Task EnsureRoomAsync(string tenantId, string logId, string name, ViewLimits limits, CancellationToken cancellationToken)
    {
        var inLog = await ListAsync(logId, cancellationToken);
        if (inLog.Any(view => view.Name == name))
        {
            return;
        }

        if (inLog.Count >= limits.MaxViewsPerLog)
        {
            throw LimitReached($"The log has {inLog.Count} views, the most one log may have (Views__MaxViewsPerLog).", "log", limits.MaxViewsPerLog);
        }

        var inTenant = 0;
        await foreach (var _ in _table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"TenantId eq {tenantId}"), select: ["PartitionKey"],
            cancellationToken: cancellationToken))
        {
            if (++inTenant >= limits.MaxViewsPerTenant)
            {
                throw LimitReached($"The tenant has {inTenant} views, the most one tenant may have (Views__MaxViewsPerTenant).", "tenant", limits.MaxViewsPerTenant);
            }
        }
    }

    public async Task<ViewRecord> DeployAsync(string tenantId, string logId, string name, string contentHash, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var partition = CatalogRows.PartitionOf(logId);
        while (true)
        {
            var existing = await ReadAsync(partition, CatalogRows.RowKey(logId, name), cancellationToken);
            var version = (existing?.GetInt64("Version") ?? 0) + 1;
            var record = new ViewRecord(logId, name, contentHash, version, now);
            var row = CatalogRows.ToRow(tenantId, record);
            TableTransactionAction change = existing is null
                ? new(TableTransactionActionType.Add, row)
                : new(TableTransactionActionType.UpdateReplace, row, existing.ETag);
            if (await TrySubmitAsync(partition, change, cancellationToken))
            {
                _recent[(logId, name)] = (record, Environment.TickCount64);
                return record;
            }

            // Another deployment of the same name, or another change in the partition, won the race: go again.
        }
    }

    /// <summary>Writes <paramref name="record"/> as it is, version included (moving a view from the pre-placement table).</summary>
    internal async Task RestoreAsync(string tenantId, ViewRecord record, CancellationToken cancellationToken)
    {
        var partition = CatalogRows.PartitionOf(record.LogId);
        while (!await TrySubmitAsync(partition, new(TableTransactionActionType.UpsertReplace, CatalogRows.ToRow(tenantId, record)), cancellationToken))
        {
            // another change in the partition moved its version first
        }
    }

    /// <summary>Removes the view; false when there was none.</summary>
    public async Task<bool> DeleteAsync(string logId, string name, CancellationToken cancellationToken)
    {
        _recent.TryRemove((logId, name), out _);
        var partition = CatalogRows.PartitionOf(logId);
        while (true)
        {
            var existing = await ReadAsync(partition, CatalogRows.RowKey(logId, name), cancellationToken);
            if (existing is null)
            {
                return false;
            }

            if (await TrySubmitAsync(partition, new(TableTransactionActionType.Delete, existing, existing.ETag), cancellationToken))
            {
                return true;
            }
        }
    }

    public async Task<ViewRecord?> FindAsync(string logId, string name, CancellationToken cancellationToken)
    {
        var readAt = Environment.TickCount64;
        var row = await ReadAsync(CatalogRows.PartitionOf(logId), CatalogRows.RowKey(logId, name), cancellationToken);
        if (row is null)
        {
            _recent.TryRemove((logId, name), out _);
            return null;
        }

        var record = CatalogRows.FromRow(row);
        _recent[(logId, name)] = (record, readAt);
        return record;
    }

    /// <summary>The view's row as read at most <see cref="QueryFreshness"/> ago, so a hot query path skips the table.</summary>
    public async Task<ViewRecord> GetRecentAsync(string logId, string name, CancellationToken cancellationToken) =>
        _recent.TryGetValue((logId, name), out var recent) && Environment.TickCount64 - recent.ReadAt <= QueryFreshness.TotalMilliseconds
            ? recent.Record
            : await GetAsync(logId, name, cancellationToken);

    public async Task<ViewRecord> GetAsync(string logId, string name, CancellationToken cancellationToken) =>
        await FindAsync(logId, name, cancellationToken) ?? throw ApiException.NotFound($"The log has no view named '{name}'.");

    public Task<IReadOnlyList<ViewRecord>> ListAsync(string logId, CancellationToken cancellationToken) =>
        QueryAsync(CatalogRows.LogFilter(logId), cancellationToken);

    /// <summary>Every view in one catalogue partition (for the instance that leads it).</summary>
    public Task<IReadOnlyList<ViewRecord>> ListPartitionAsync(int partition, CancellationToken cancellationToken) =>
        QueryAsync(CatalogRows.PartitionFilter(partition), cancellationToken);

    /// <summary>The partition's change count: it moves with every deploy and delete in it.</summary>
    public async Task<long> PartitionVersionAsync(int partition, CancellationToken cancellationToken) =>
        (await ReadAsync(CatalogRows.Partition(partition), CatalogRows.VersionRowKey, cancellationToken))?.GetInt64("Version") ?? 0;

    private async Task<IReadOnlyList<ViewRecord>> QueryAsync(string filter, CancellationToken cancellationToken)
    {
        var views = new List<ViewRecord>();
        await foreach (var row in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            views.Add(CatalogRows.FromRow(row));
        }

        return views;
    }

    /// <summary>The change and the partition's version bump, all or nothing; false when either lost a race.</summary>
    private async Task<bool> TrySubmitAsync(string partition, TableTransactionAction change, CancellationToken cancellationToken)
    {
        var version = await ReadAsync(partition, CatalogRows.VersionRowKey, cancellationToken);
        var next = CatalogRows.NextVersion(partition, version);
        TableTransactionAction bump = version is null
            ? new(TableTransactionActionType.Add, next)
            : new(TableTransactionActionType.UpdateReplace, next, version.ETag);
        try
        {
            await _table.SubmitTransactionAsync([change, bump], cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status is StatusCodes.Status409Conflict or StatusCodes.Status412PreconditionFailed)
        {
            return false;
        }
    }

    private async Task<TableEntity?> ReadAsync(string partition, string rowKey, CancellationToken cancellationToken)
    {
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(partition, rowKey, cancellationToken: cancellationToken);
        return row.HasValue ? row.Value : null;
    }

    private static ApiException LimitReached(string message, string scope, int limit) =>
        new(StatusCodes.Status409Conflict, ErrorCodes.ViewLimitReached, message, new Dictionary<string, object?> { ["scope"] = scope, ["limit"] = limit });
}
