namespace Primatomic.Client;

/// <summary>
/// Where the service is, how the client signs in, and how hard it retries. Set one of <see cref="ApiKey"/>,
/// <see cref="Email"/> with <see cref="Password"/>, or <see cref="AccessToken"/> (or none, for the anonymous routes).
/// </summary>
public sealed class PrimatomicClientOptions
{
    /// <summary>The service's root URL, e.g. <c>http://127.0.0.1:7071</c>. Optional when the HttpClient given has a BaseAddress.</summary>
    public Uri? BaseAddress { get; set; }

    /// <summary>An API key (<c>pk_...</c>): the client exchanges it for a token and exchanges it again before that token expires.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Sign in with a password (with <see cref="Password"/>); the token is renewed before it expires like an API key's.</summary>
    public string? Email { get; set; }

    /// <summary>The password for <see cref="Email"/>.</summary>
    public string? Password { get; set; }

    /// <summary>A fixed bearer token, used as it is and never renewed.</summary>
    public string? AccessToken { get; set; }

    /// <summary>Sent as <c>X-Tenant-ID</c>: lets the platform admin act inside another tenant.</summary>
    public string? TenantId { get; set; }

    /// <summary>
    /// How long before its expiry a token is replaced. Null (the default): a fifth of the token's lifetime, at most
    /// five minutes. A new token is never fetched less than one second after the previous one.
    /// </summary>
    public TimeSpan? TokenRefreshMargin { get; set; }

    /// <summary>Attempts per call, the first included, for failures that are safe to retry (see the README). At least 1.</summary>
    public int MaxAttempts { get; set; } = 6;

    /// <summary>The first retry's delay when the service gave no <c>Retry-After</c>; it doubles per attempt, with jitter.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The longest wait between two attempts, whatever <c>Retry-After</c> says.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long one attempt may take before it counts as timed out (a long-poll's wait comes on top).</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The clock used for token lifetimes (tests may pass a fake one).</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}
