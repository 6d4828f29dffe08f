using Azure;
using Azure.Data.Tables;
using Primatomic.Functions.Hosting;

namespace Primatomic.Functions.Views;

/// <summary>
/// The <c>views</c> table: one row per view, partition = log id, row = view name. Each deployment bumps
/// <c>Version</c>, so every instance can tell that its replica runs an older deployment and rebuild it.
/// </summary>
public sealed class ViewCatalog(StorageClients storage)
{
    public const string TableName = "views";

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
        while (true)
        {
            var existing = await _table.GetEntityIfExistsAsync<TableEntity>(logId, name, cancellationToken: cancellationToken);
            var version = existing.HasValue ? existing.Value!.GetInt64("Version").GetValueOrDefault() + 1 : 1;
            var row = new TableEntity(logId, name) { ["TenantId"] = tenantId, ["ContentHash"] = contentHash, ["Version"] = version, ["CreatedAt"] = now };
            try
            {
                if (existing.HasValue)
                {
                    await _table.UpdateEntityAsync(row, existing.Value!.ETag, TableUpdateMode.Replace, cancellationToken);
                }
                else
                {
                    await _table.AddEntityAsync(row, cancellationToken);
                }

                var record = new ViewRecord(logId, name, contentHash, version, now);
                _recent[(logId, name)] = (record, Environment.TickCount64);
                return record;
            }
            catch (RequestFailedException e) when (e.Status is StatusCodes.Status409Conflict or StatusCodes.Status412PreconditionFailed)
            {
                // Another deployment of the same name won the race: deploy on top of it.
            }
        }
    }

    public async Task<ViewRecord?> FindAsync(string logId, string name, CancellationToken cancellationToken)
    {
        var readAt = Environment.TickCount64;
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(logId, name, cancellationToken: cancellationToken);
        if (!row.HasValue)
        {
            _recent.TryRemove((logId, name), out _);
            return null;
        }

        var record = FromRow(row.Value!);
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

    public async Task<IReadOnlyList<ViewRecord>> ListAsync(string logId, CancellationToken cancellationToken)
    {
        var views = new List<ViewRecord>();
        await foreach (var row in _table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {logId}"), cancellationToken: cancellationToken))
        {
            views.Add(FromRow(row));
        }

        return views;
    }

    /// <summary>Every deployed view of every log (for the supervisor that runs them).</summary>
    public async Task<IReadOnlyList<ViewRecord>> ListAllAsync(CancellationToken cancellationToken)
    {
        var views = new List<ViewRecord>();
        await foreach (var row in _table.QueryAsync<TableEntity>(cancellationToken: cancellationToken))
        {
            views.Add(FromRow(row));
        }

        return views;
    }

    /// <summary>Removes the view; false when there was none.</summary>
    public async Task<bool> DeleteAsync(string logId, string name, CancellationToken cancellationToken)
    {
        _recent.TryRemove((logId, name), out _);
        var response = await _table.DeleteEntityAsync(logId, name, ETag.All, cancellationToken);
        return response.Status != StatusCodes.Status404NotFound;
    }

    private static ApiException LimitReached(string message, string scope, int limit) =>
        new(StatusCodes.Status409Conflict, ErrorCodes.ViewLimitReached, message, new Dictionary<string, object?> { ["scope"] = scope, ["limit"] = limit });

    private static ViewRecord FromRow(TableEntity row) => new(
        row.PartitionKey, row.RowKey, row.GetString("ContentHash"), row.GetInt64("Version").GetValueOrDefault(),
        row.GetDateTimeOffset("CreatedAt").GetValueOrDefault());
}
