namespace Primatomic.Client;

/// <summary>
/// The Primatomic API: <see cref="Auth"/>, <see cref="Logs"/> and <see cref="Views"/>. Thread-safe; make one and share
/// it (or register it with <c>services.AddPrimatomicClient(...)</c>). It signs in with the options' credentials when
/// first needed and renews the token before it expires.
/// </summary>
public sealed class PrimatomicClient : IDisposable
{
    private readonly HttpClient? _owned;

    /// <summary>A client with its own connection pool, for <paramref name="options"/>' <see cref="PrimatomicClientOptions.BaseAddress"/>.</summary>
    public PrimatomicClient(PrimatomicClientOptions options)
        : this(OwnedHttpClient(), options, owns: true)
    {
    }

    /// <summary>
    /// A client over the caller's <paramref name="httpClient"/> (not disposed with this client). Its BaseAddress is used
    /// unless the options set one; its own Timeout should be infinite or above the longest call (a 30 s long-poll).
    /// </summary>
    public PrimatomicClient(HttpClient httpClient, PrimatomicClientOptions? options = null)
        : this(httpClient, options ?? new PrimatomicClientOptions(), owns: false)
    {
    }

    /// <summary>A client that takes a fresh HttpClient for each request from <paramref name="httpClients"/> (IHttpClientFactory's pattern).</summary>
    public PrimatomicClient(Func<HttpClient> httpClients, PrimatomicClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(httpClients);
        ArgumentNullException.ThrowIfNull(options);
        var transport = new PrimatomicTransport(httpClients, options);
        Auth = new AuthClient(transport);
        Logs = new LogsClient(transport);
        Views = new ViewsClient(transport);
        transport.UseTokens(TokensFor(options, Auth));
    }

    private PrimatomicClient(HttpClient httpClient, PrimatomicClientOptions options, bool owns)
        : this(() => httpClient, options)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        if (options.BaseAddress is null && httpClient.BaseAddress is null)
        {
            throw new ArgumentException("Set PrimatomicClientOptions.BaseAddress (or the HttpClient's BaseAddress).", nameof(options));
        }

        _owned = owns ? httpClient : null;
    }

    /// <summary>Tenants, sign-in, API keys and users.</summary>
    public AuthClient Auth { get; }

    /// <summary>Logs, appends, reads and the tail.</summary>
    public LogsClient Logs { get; }

    /// <summary>Views: deploy, list, stats, query, delete, and the WIT.</summary>
    public ViewsClient Views { get; }

    /// <summary>Closes the connection pool if this client made it.</summary>
    public void Dispose() => _owned?.Dispose();

    private static TokenSource TokensFor(PrimatomicClientOptions options, AuthClient auth)
    {
        if (options.ApiKey is { Length: > 0 } apiKey)
        {
            return new TokenSource(ct => auth.ExchangeApiKeyAsync(apiKey, ct), null, options);
        }

        if (options.Email is { Length: > 0 } email)
        {
            var password = options.Password ?? throw new ArgumentException("Set Password with Email.", nameof(options));
            return new TokenSource(ct => auth.LoginAsync(email, password, ct), null, options);
        }

        return new TokenSource(null, options.AccessToken, options);
    }

    private static HttpClient OwnedHttpClient() => new(new SocketsHttpHandler
    {
        // Long-lived clients should notice DNS changes (a redeployed service): recycle pooled connections.
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
    })
    {
        // Each attempt has its own bound (AttemptTimeout); HttpClient's single timeout would cut long-polls short.
        Timeout = Timeout.InfiniteTimeSpan,
    };
}
