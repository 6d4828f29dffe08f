using System.ComponentModel.DataAnnotations;

namespace Primatomic.Functions.Hosting;

/// <summary>Per-tenant token bucket, over all the tenant's callers and addresses (Primatomic's documented default).</summary>
public sealed class TenantRateLimitOptions
{
    /// <summary><c>TENANT_RATE_LIMIT_RPS</c>: sustained requests per second per tenant (the bucket's refill rate).</summary>
    [Setting("TENANT_RATE_LIMIT_RPS"), Range(1, 1_000_000)]
    public int RequestsPerSecond { get; set; } = 100;

    /// <summary><c>TENANT_RATE_LIMIT_BURST</c>: requests a tenant may send at once; the bucket's size.</summary>
    [Setting("TENANT_RATE_LIMIT_BURST"), Range(1, 1_000_000)]
    public int Burst { get; set; } = 50;

    public static void Bind(TenantRateLimitOptions options, IConfiguration configuration)
    {
        options.RequestsPerSecond = configuration.GetValue("TENANT_RATE_LIMIT_RPS", options.RequestsPerSecond);
        options.Burst = configuration.GetValue("TENANT_RATE_LIMIT_BURST", options.Burst);
    }
}
