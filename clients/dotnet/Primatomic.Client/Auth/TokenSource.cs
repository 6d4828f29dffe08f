namespace Primatomic.Client;

/// <summary>
/// The one owner of the client's bearer token. It holds a single task for the current token: a caller finding it
/// fresh uses it, one finding it missing, failed or due swaps in a new sign-in with a compare-and-swap (so exactly
/// one sign-in runs at a time) and everyone awaits that. No locks: the field is the only state.
/// </summary>
internal sealed class TokenSource(Func<CancellationToken, Task<TokenResult>>? signIn, string? fixedToken, PrimatomicClientOptions options)
{
    private static readonly TimeSpan MinimumLifetimeUsed = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan LongestAutomaticMargin = TimeSpan.FromMinutes(5);

    private Task<CachedToken>? _current;

    /// <summary>Whether a rejected token can be replaced (an API key or password; not a fixed token).</summary>
    public bool CanRenew => signIn is not null;

    public async Task<string?> GetAsync(CancellationToken cancellationToken)
    {
        if (signIn is null)
        {
            return fixedToken;
        }

        while (true)
        {
            var observed = Volatile.Read(ref _current);
            if (observed is { IsCompletedSuccessfully: true } && observed.Result.RefreshAt > options.TimeProvider.GetUtcNow())
            {
                return observed.Result.Value;
            }

            if (observed is { IsCompleted: false })
            {
                return (await observed.WaitAsync(cancellationToken).ConfigureAwait(false)).Value;
            }

            // Missing, failed or due: whoever wins the swap signs in; the others loop and await its task.
            var fresh = new TaskCompletionSource<CachedToken>(TaskCreationOptions.RunContinuationsAsynchronously);
            if (Interlocked.CompareExchange(ref _current, fresh.Task, observed) == observed)
            {
                _ = SignInAsync(fresh);
            }
        }
    }

    /// <summary>Forgets <paramref name="token"/> if it is still the current one (the service refused it).</summary>
    public void Discard(string token)
    {
        var observed = Volatile.Read(ref _current);
        if (observed is { IsCompletedSuccessfully: true } && observed.Result.Value == token)
        {
            Interlocked.CompareExchange(ref _current, null, observed);
        }
    }

    private async Task SignInAsync(TaskCompletionSource<CachedToken> result)
    {
        try
        {
            // Shared by every waiting caller, so no one caller's cancellation may abort it; each attempt is bounded.
            var obtainedAt = options.TimeProvider.GetUtcNow();
            var grant = await signIn!(CancellationToken.None).ConfigureAwait(false);
            result.SetResult(new CachedToken(grant.AccessToken, obtainedAt + UsableFor(TimeSpan.FromSeconds(grant.ExpiresIn))));
        }
        catch (Exception e)
        {
            result.SetException(e);
        }
    }

    private TimeSpan UsableFor(TimeSpan lifetime)
    {
        var margin = options.TokenRefreshMargin
            ?? TimeSpan.FromTicks(Math.Min(lifetime.Ticks / 5, LongestAutomaticMargin.Ticks));
        var usable = lifetime - margin;
        return usable < MinimumLifetimeUsed ? MinimumLifetimeUsed : usable;
    }
}
