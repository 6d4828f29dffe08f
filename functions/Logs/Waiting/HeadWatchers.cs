using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Primatomic.Functions.Hosting;
using Primatomic.Functions.Logs.Storage;

namespace Primatomic.Functions.Logs.Waiting;

/// <summary>
/// Long-polls of this instance: one <see cref="HeadWatch"/> per log that has waiters, created by the first and closed
/// after the last, and the admission that caps concurrent waits per tenant and per instance (more is 429).
/// </summary>
public sealed class HeadWatchers(EventLog events, TimeProvider time, IOptions<LogsOptions> options, IHostApplicationLifetime lifetime,
    ILogger<HeadWatchers> logger)
{
    private readonly ConcurrentDictionary<string, HeadWatch> _watches = new(StringComparer.Ordinal);
    private readonly WaitAdmission _admission = new(options.Value.MaxWaitsPerTenant, options.Value.MaxWaitsPerInstance);

    /// <summary>Logs with a poller right now (for tests and diagnostics).</summary>
    public int ActiveWatches => _watches.Count;

    /// <summary>Long-polls open on this instance.</summary>
    public int OpenWaits => _admission.Total;

    /// <summary>
    /// Reserves a wait slot for the tenant, or throws 429 RATE_LIMITED when the tenant or this instance holds as many
    /// long-polls as allowed. Dispose the slot when the request stops waiting.
    /// </summary>
    public IDisposable Admit(string tenantId) => _admission.TryEnter(tenantId)
        ?? throw new ApiException(StatusCodes.Status429TooManyRequests, ErrorCodes.RateLimited,
            "Too many long-polls are open for this tenant; retry, or poll without wait.");

    /// <summary>
    /// Waits until the log's head passes <paramref name="after"/> (true) or <paramref name="wait"/> ends (false).
    /// Costs no storage read of its own: the log's one watch reads the head for all its waiters. When the wait ends
    /// while the watch's latest read failed, the answer is 503, not "nothing new". When this instance starts to shut
    /// down every wait ends as if its time were up: the caller gets its page now and polls again (elsewhere), instead
    /// of holding the shutdown for up to <see cref="LogLimits.MaxWaitSeconds"/>.
    /// </summary>
    public async Task<bool> WaitBeyondAsync(string logId, long after, TimeSpan wait, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, lifetime.ApplicationStopping);
        timeout.CancelAfter(wait);
        var expired = Task.Delay(Timeout.Infinite, timeout.Token);
        while (true)
        {
            var waiter = new HeadWaiter(after);
            var watch = Register(logId, waiter);
            var first = await Task.WhenAny(waiter.Outcome, expired);
            if (first == expired)
            {
                watch.TrySend(waiter.Withdraw());
                cancellationToken.ThrowIfCancellationRequested();
                return watch.LastReadFailed
                    ? throw ApiException.Unavailable("Storage did not answer while this request waited; retry shortly.")
                    : false;
            }

            if (await waiter.Outcome == WaitOutcome.HeadMoved)
            {
                return true;
            }
        }
    }

    private HeadWatch Register(string logId, HeadWaiter waiter)
    {
        while (true)
        {
            var watch = _watches.GetOrAdd(logId, id => new HeadWatch(id, events, time, LogLimits.HeadPollInterval, Forget, logger));
            if (watch.TrySend(waiter))
            {
                return watch;
            }

            // That watch is closing; it leaves the registry before it refuses commands, so the next look finds another.
            _watches.TryRemove(KeyValuePair.Create(logId, watch));
        }
    }

    private void Forget(HeadWatch watch) => _watches.TryRemove(KeyValuePair.Create(watch.LogId, watch));
}
