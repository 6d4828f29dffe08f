using Primatomic.Functions.Hosting;

namespace Primatomic.Functions.Auth;

/// <summary>
/// Reloads the signing keys when a token names a key we do not know (another instance rotated). Throttled to one
/// reload per <see cref="Interval"/>, claimed before downloading, so a flood of forged kids (or a failing blob read)
/// costs one read per interval rather than one each. Bounded in time; a storage failure — now, or at the last try
/// inside the interval — is 503, because we cannot tell whether the kid is real and "invalid token" would lie.
/// </summary>
internal sealed class UnknownKidReload(SigningKeyStore keys, TimeProvider time)
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    private long _lastAttemptTicks;
    private volatile bool _lastAttemptFailed;

    public async Task ReloadAsync(CancellationToken requestAborted)
    {
        var lastTicks = Interlocked.Read(ref _lastAttemptTicks);
        var now = time.GetUtcNow();
        if (now - new DateTimeOffset(lastTicks, TimeSpan.Zero) < Interval
            || Interlocked.CompareExchange(ref _lastAttemptTicks, now.UtcTicks, lastTicks) != lastTicks)
        {
            if (_lastAttemptFailed)
            {
                throw StorageFaults.Unavailable();
            }

            return;
        }

        try
        {
            await AuthStorageFaults.BoundedAsync(async token =>
            {
                await keys.RefreshAsync(token);
                return true;
            }, requestAborted);
            _lastAttemptFailed = false;
        }
        catch (ApiException)
        {
            _lastAttemptFailed = true;
            throw;
        }
    }
}
