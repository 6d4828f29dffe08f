using Azure;
using Azure.Data.Tables;
using Primatomic.Functions.Hosting;

namespace Primatomic.Functions.Views.Catalog;

/// <summary>
/// Moves views deployed before placement (table <c>views</c>, partition = log id, row = view name) into the
/// partitioned catalogue, once, at start-up. Each row is copied (unless the catalogue already has that view at the
/// same or a later version) and only then deleted, so instances starting together, or a crash halfway, lose nothing.
/// </summary>
internal sealed partial class CatalogMigration(StorageClients storage, ViewCatalog catalog, ILogger<CatalogMigration> logger) : IHostedService
{
    public const string LegacyTableName = "views";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var legacy = storage.Table(LegacyTableName);
        var moved = 0;
        try
        {
            await foreach (var row in legacy.QueryAsync<TableEntity>(cancellationToken: cancellationToken))
            {
                await MoveAsync(legacy, row, cancellationToken);
                moved++;
            }
        }
        catch (RequestFailedException e) when (e.Status == StatusCodes.Status404NotFound)
        {
            return; // never had views from before placement
        }

        if (moved > 0)
        {
            LogMoved(logger, moved);
        }
    }

    private async Task MoveAsync(TableClient legacy, TableEntity row, CancellationToken cancellationToken)
    {
        var logId = row.PartitionKey;
        var name = row.RowKey;
        var version = row.GetInt64("Version").GetValueOrDefault();
        if (await catalog.FindAsync(logId, name, cancellationToken) is not { } current || current.Version < version)
        {
            await catalog.RestoreAsync(row.GetString("TenantId") ?? "", new ViewRecord(logId, name, row.GetString("ContentHash"), version,
                row.GetDateTimeOffset("CreatedAt").GetValueOrDefault()), cancellationToken);
        }

        await legacy.DeleteEntityAsync(logId, name, row.ETag, cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Moved {Count} views from the pre-placement views table into the catalogue")]
    private static partial void LogMoved(ILogger logger, int count);
}
