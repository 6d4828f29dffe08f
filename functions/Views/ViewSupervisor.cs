using Primatomic.Functions.Views.Runtime;

namespace Primatomic.Functions.Views;

/// <summary>
/// Makes every instance run a replica of every deployed view, so each contends for the view's lease and one
/// takes over within the lease time when the leader dies. It also drops replicas of deleted views and replaces
/// those of older deployments.
/// </summary>
public sealed partial class ViewSupervisor(ViewCatalog catalog, ViewReplicas replicas, ViewEngine engine, ILogger<ViewSupervisor> logger)
    : BackgroundService
{
    private readonly SemaphoreSlim _round = new(1, 1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await SyncAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // A storage outage must not stop supervision; the next round retries.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                LogSuperviseFailed(logger, ex);
            }

            await Task.Delay(engine.Limits.SupervisePoll, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    /// <summary>
    /// One round: a replica for every deployed view, none for deleted ones. Also run by the sweeper function;
    /// rounds never overlap.
    /// </summary>
    public async Task SyncAsync(CancellationToken cancellationToken)
    {
        await _round.WaitAsync(cancellationToken);
        try
        {
            var deployed = await catalog.ListAllAsync(cancellationToken);
            // Each view on its own: one that cannot load (storage trouble, an artifact that must recompile and
            // cannot) is retried next round and never keeps the others from being led and followed.
            await Task.WhenAll(deployed.Select(record => LoadAsync(record, cancellationToken)));

            var names = deployed.Select(r => (r.LogId, r.Name)).ToHashSet();
            foreach (var gone in replicas.All.Where(r => !names.Contains((r.Record.LogId, r.Record.Name))))
            {
                await replicas.RemoveAsync(gone.Record.LogId, gone.Record.Name);
            }
        }
        finally
        {
            _round.Release();
        }
    }

    private async Task LoadAsync(ViewRecord record, CancellationToken cancellationToken)
    {
        try
        {
            await replicas.GetAsync(record, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // logged and retried next round; other views go on
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogLoadFailed(logger, ex, record.LogId, record.Name);
        }
    }

    public override void Dispose()
    {
        _round.Dispose();
        base.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Loading view {ViewName} of log {LogId} failed; retrying next round")]
    private static partial void LogLoadFailed(ILogger logger, Exception exception, string logId, string viewName);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Supervising views failed; retrying")]
    private static partial void LogSuperviseFailed(ILogger logger, Exception exception);
}
