namespace Primatomic.Client;

/// <summary>How long to wait before the next attempt: the service's <c>Retry-After</c> if it gave one, else exponential backoff with jitter.</summary>
internal static class RetryDelays
{
    public static TimeSpan Next(PrimatomicClientOptions options, int attempt, TimeSpan? retryAfter)
    {
        var delay = retryAfter ?? Backoff(options.RetryBaseDelay, attempt);
        return delay > options.MaxRetryDelay ? options.MaxRetryDelay : delay;
    }

    private static TimeSpan Backoff(TimeSpan baseDelay, int attempt)
    {
        // attempt 1 failed: about base; then 2x, 4x, ... Jitter spreads clients that failed together.
        var exponential = baseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(attempt - 1, 16));
#pragma warning disable CA5394 // jitter, not security
        var jitter = 0.5 + Random.Shared.NextDouble();
#pragma warning restore CA5394
        return TimeSpan.FromMilliseconds(exponential * jitter);
    }
}
