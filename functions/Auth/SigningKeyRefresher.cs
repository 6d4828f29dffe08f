namespace Primatomic.Functions.Auth;

/// <summary>
/// Loads (or creates) the signing keys before the server takes requests, then re-reads them every minute so a
/// rotation done by another instance is picked up here too.
/// </summary>
internal sealed partial class SigningKeyRefresher(SigningKeyStore keys, ILogger<SigningKeyRefresher> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(60);

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await keys.InitializeAsync(cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await keys.RefreshAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Keep serving with the keys we have; the next tick tries again.
                LogRefreshFailed(logger, e);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refreshing the signing keys failed")]
    private static partial void LogRefreshFailed(ILogger logger, Exception exception);
}
