using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using Primatomic.Functions.Hosting;

namespace Primatomic.Functions.Logs;

/// <summary>
/// Creates logs. One transaction in the tenant's partition adds the name row, the log row and moves the tenant's log
/// counter (checked by ETag, which enforces <see cref="LogsOptions.MaxLogsPerTenant"/>), so a create is all there or
/// not at all. When storage executed the transaction but its answer was lost, the SDK's retry fails on the rows it
/// already wrote; the name row then says whose log it is: the id this attempt chose, or the caller's Idempotency-Key,
/// means the caller's own log and a 201, anything else someone else's and a 409.
/// </summary>
public sealed class LogCreator(StorageClients storage, LogCatalog catalog, CreateTurns turns, TimeProvider time,
    IOptions<LogsOptions> options)
{
    private const string CounterRowKey = "c:logs";
    // Creates in one tenant on other instances race this one on its log count; each race lost is another attempt.
    private const int MaxAttempts = 500;

    private readonly TableClient _table = storage.Table(LogCatalog.TableName);
    private readonly int _maxLogs = options.Value.MaxLogsPerTenant;

    /// <summary>The new log, or the caller's own one when <paramref name="idempotencyKey"/> created it before.</summary>
    public async Task<LogInfo> CreateAsync(string tenantId, string name, string? idempotencyKey, CancellationToken cancellationToken)
    {
        if (!LogCatalog.IsValidName(name))
        {
            throw ApiException.Validation("A log name is 1-64 characters of A-Z, a-z, 0-9, '.', '_' and '-', and not only dots.");
        }

        using var turn = await turns.TakeAsync(tenantId, cancellationToken);
        var partition = LogCatalog.TenantPartition(tenantId);
        var log = new LogInfo(Guid.NewGuid().ToString("D"), name, time.GetUtcNow());
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            var (count, etag) = await ReadCountAsync(partition, cancellationToken);
            if (count >= _maxLogs)
            {
                return await ExistingAsync(tenantId, partition, log, idempotencyKey, cancellationToken) ?? throw LimitReached();
            }

            try
            {
                await _table.SubmitTransactionAsync(Actions(partition, log, idempotencyKey, count, etag), cancellationToken);
                catalog.Remember(tenantId, log);
                return log;
            }
            catch (RequestFailedException e) when (e.Status is StatusCodes.Status409Conflict or StatusCodes.Status412PreconditionFailed)
            {
                if (await ExistingAsync(tenantId, partition, log, idempotencyKey, cancellationToken) is { } existing)
                {
                    return existing;
                }

                // The name is free: a create on another instance moved the counter first. Try again after a moment.
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(5, 5 + Math.Min(20 * attempt, 200))), time, cancellationToken);
            }
            catch (Exception e) when (StorageFaults.IsStorageFault(e, cancellationToken))
            {
                // No answer: the transaction may have landed. The name row says; a free name means it did not.
                if (await ResolveAsync(tenantId, partition, log, idempotencyKey, cancellationToken) is { } landed)
                {
                    return landed;
                }
            }
        }

        throw ApiException.Unavailable("Too many logs are being created in this tenant at once; retry shortly.");
    }

    private async Task<LogInfo?> ResolveAsync(string tenantId, string partition, LogInfo log, string? idempotencyKey,
        CancellationToken cancellationToken)
    {
        try
        {
            return await ExistingAsync(tenantId, partition, log, idempotencyKey, cancellationToken);
        }
        catch (Exception e) when (StorageFaults.IsStorageFault(e, cancellationToken))
        {
            throw ApiException.Unavailable("Storage did not confirm the create. Retry with the same Idempotency-Key: if the log was made after all, the retry answers it.");
        }
    }

    private static List<TableTransactionAction> Actions(string partition, LogInfo log, string? idempotencyKey, long count, ETag? etag)
    {
        var counter = new TableEntity(partition, CounterRowKey) { ["Count"] = count + 1 };
        return
        [
            new(TableTransactionActionType.Add, new TableEntity(partition, "n:" + log.Name)
            {
                ["LogId"] = log.LogId,
                ["CreatedAt"] = log.CreatedAt,
                ["CreateKey"] = idempotencyKey,
            }),
            new(TableTransactionActionType.Add, new TableEntity(partition, "l:" + log.LogId) { ["Name"] = log.Name, ["CreatedAt"] = log.CreatedAt }),
            etag is { } match
                ? new(TableTransactionActionType.UpdateReplace, counter, match)
                : new(TableTransactionActionType.Add, counter),
        ];
    }

    /// <summary>
    /// The log already named like <paramref name="attempt"/> when it is the caller's own (this attempt's id, or created
    /// with the same Idempotency-Key); 409 CONFLICT when it is someone else's; null when the name is free.
    /// </summary>
    private async Task<LogInfo?> ExistingAsync(string tenantId, string partition, LogInfo attempt, string? idempotencyKey,
        CancellationToken cancellationToken)
    {
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(partition, "n:" + attempt.Name, cancellationToken: cancellationToken);
        if (!row.HasValue || row.Value is null)
        {
            return null;
        }

        var logId = row.Value.GetString("LogId");
        if (logId == attempt.LogId)
        {
            catalog.Remember(tenantId, attempt);
            return attempt;
        }

        if (idempotencyKey is not null && idempotencyKey == row.Value.GetString("CreateKey")
            && logId is not null && await catalog.FindAsync(tenantId, logId, cancellationToken) is { } earlier)
        {
            return earlier;
        }

        throw ApiException.Conflict($"This tenant already has a log named '{attempt.Name}'.");
    }

    /// <summary>
    /// The tenant's log count and the counter row's ETag. Tenants from before the counter have none: their logs are
    /// counted once, and the first create adds the row.
    /// </summary>
    private async Task<(long Count, ETag? ETag)> ReadCountAsync(string partition, CancellationToken cancellationToken)
    {
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(partition, CounterRowKey, cancellationToken: cancellationToken);
        if (row.HasValue && row.Value is not null)
        {
            return (row.Value.GetInt64("Count") ?? 0, row.Value.ETag);
        }

        long count = 0;
        await foreach (var _ in _table.QueryAsync<TableEntity>(
                           TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {"l:"} and RowKey lt {"l;"}"),
                           select: ["RowKey"], cancellationToken: cancellationToken))
        {
            count++;
        }

        return (count, null);
    }

    private ApiException LimitReached() => new(StatusCodes.Status409Conflict, ErrorCodes.LogLimitReached,
        $"This tenant has {_maxLogs} logs, as many as allowed.", new Dictionary<string, object?> { ["limit"] = _maxLogs });
}
