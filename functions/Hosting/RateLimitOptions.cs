using System.ComponentModel.DataAnnotations;

namespace Primatomic.Functions.Hosting;

/// <summary>Per-client-IP token buckets. Bound from the flat setting names documented in the README.</summary>
public sealed class RateLimitOptions
{
    /// <summary><c>RATE_LIMIT_RPS</c>: sustained requests per second per client IP (the bucket's refill rate).</summary>
    [Setting("RATE_LIMIT_RPS"), Range(1, 1_000_000)]
    public int RequestsPerSecond { get; set; } = 100;

    /// <summary><c>RATE_LIMIT_WINDOW_SECS</c>: burst allowance; the bucket holds RPS × window tokens.</summary>
    [Setting("RATE_LIMIT_WINDOW_SECS"), Range(1, 3600)]
    public int WindowSeconds { get; set; } = 60;

    /// <summary><c>AUTH_RATE_LIMIT_PER_MINUTE</c>: the stricter bucket for login, register, token exchange and user creation.</summary>
    [Setting("AUTH_RATE_LIMIT_PER_MINUTE"), Range(1, 100_000)]
    public int AuthRequestsPerMinute { get; set; } = 10;

    /// <summary>
    /// <c>CLIENT_IP_HEADER</c>: the header a trusted front end sets to the caller's address (<c>client-ip</c> on
    /// App Service and Functions). Unset: <c>client-ip</c> under the Functions host, otherwise the TCP peer address.
    /// </summary>
    [Setting("CLIENT_IP_HEADER")]
    public string? ClientIpHeader { get; set; }

    public static void Bind(RateLimitOptions options, IConfiguration configuration)
    {
        options.RequestsPerSecond = configuration.GetValue("RATE_LIMIT_RPS", options.RequestsPerSecond);
        options.WindowSeconds = configuration.GetValue("RATE_LIMIT_WINDOW_SECS", options.WindowSeconds);
        options.AuthRequestsPerMinute = configuration.GetValue("AUTH_RATE_LIMIT_PER_MINUTE", options.AuthRequestsPerMinute);
        // Under the Functions host every request arrives from the host on loopback, so the TCP peer says nothing about
        // the client: there the platform's client-ip header is the default.
        var underFunctionsHost = !string.IsNullOrEmpty(configuration["FUNCTIONS_CUSTOMHANDLER_PORT"]);
        options.ClientIpHeader = configuration["CLIENT_IP_HEADER"] is { Length: > 0 } header
            ? header
            : underFunctionsHost ? "client-ip" : null;
    }
}
