using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using Primatomic.Functions.Auth;

namespace Primatomic.Functions.Hosting;

/// <summary>
/// Limits each tenant, whatever addresses its callers use, to TENANT_RATE_LIMIT_RPS with a burst of
/// TENANT_RATE_LIMIT_BURST. It runs after authentication (the tenant is the token's) and after the per-IP buckets,
/// so an unauthenticated flood is shed by address before any token is checked.
/// </summary>
internal sealed class TenantRateLimiter : IAsyncDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter;

    public TenantRateLimiter(IOptions<TenantRateLimitOptions> options)
    {
        var o = options.Value;
        // A fine-grained refill (about 20 a second) so the sustained rate holds whatever the burst: a bucket refilled
        // once a second with RPS tokens would cap a tenant at the burst per second whenever the burst is smaller.
        var perPeriod = Math.Max(1, (int)Math.Ceiling(o.RequestsPerSecond / 20.0));
        var period = TimeSpan.FromSeconds((double)perPeriod / o.RequestsPerSecond);
        _limiter = PartitionedRateLimiter.Create<string, string>(tenant => RateLimitPartition.GetTokenBucketLimiter(tenant, _ =>
            new TokenBucketRateLimiterOptions
            {
                TokenLimit = o.Burst,
                TokensPerPeriod = perPeriod,
                ReplenishmentPeriod = period,
                QueueLimit = 0,
                AutoReplenishment = true,
            }));
    }

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        if (context.User.FindFirst(AuthClaims.Tenant)?.Value is not { Length: > 0 } tenant)
        {
            await next(context);
            return;
        }

        using var lease = _limiter.AttemptAcquire(tenant);
        if (!lease.IsAcquired)
        {
            HostingMetrics.RateLimited(HostingMetrics.TenantLimit);
            await RateLimitedResponse.WriteAsync(context, lease);
            return;
        }

        await next(context);
    }

    public ValueTask DisposeAsync() => _limiter.DisposeAsync();
}
