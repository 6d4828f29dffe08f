using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Primatomic.Functions.Hosting;

/// <summary>
/// Two chained per-IP token buckets (a general one, and a strict one for credential endpoints), and after
/// authentication the per-tenant bucket (<see cref="TenantRateLimiter"/>).
/// </summary>
internal static class RateLimiting
{
    // Every route that hashes a password or checks a secret. Chosen by the matched endpoint, not the path, so "/auth/login/" or odd casing cannot dodge the strict bucket.
    private static readonly string[] CredentialEndpoints = ["AuthLogin", "AuthRegister", "AuthToken", "AuthCreateUser"];

    public static WebApplicationBuilder AddRateLimiting(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<RateLimitOptions>()
            .Configure<IConfiguration>(RateLimitOptions.Bind)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddOptions<TenantRateLimitOptions>()
            .Configure<IConfiguration>(TenantRateLimitOptions.Bind)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<TenantRateLimiter>();
        builder.Services.AddRateLimiter(_ => { });
        builder.Services.AddSingleton<IConfigureOptions<RateLimiterOptions>, ConfigureRateLimiter>();
        return builder;
    }

    public static WebApplication UseRateLimiting(this WebApplication app)
    {
        app.UseRateLimiter();
        return app;
    }

    /// <summary>The per-tenant bucket; call after authentication, which names the tenant.</summary>
    public static WebApplication UseTenantRateLimiting(this WebApplication app)
    {
        var limiter = app.Services.GetRequiredService<TenantRateLimiter>();
        app.Use(limiter.InvokeAsync);
        return app;
    }

    private sealed class ConfigureRateLimiter(IOptions<RateLimitOptions> limits) : IConfigureOptions<RateLimiterOptions>
    {
        public void Configure(RateLimiterOptions options)
        {
            var o = limits.Value;
            var general = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                IsReadinessProbe(context) ? RateLimitPartition.GetNoLimiter(string.Empty) : RateLimitPartition.GetTokenBucketLimiter(ClientAddress.Resolve(context, o.ClientIpHeader), _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = (int)Math.Min(int.MaxValue, (long)o.RequestsPerSecond * o.WindowSeconds),
                    TokensPerPeriod = o.RequestsPerSecond,
                    ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                }));
            var credentials = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                IsCredentialRequest(context)
                    ? RateLimitPartition.GetTokenBucketLimiter(ClientAddress.Resolve(context, o.ClientIpHeader), _ => new TokenBucketRateLimiterOptions
                    {
                        TokenLimit = o.AuthRequestsPerMinute,
                        TokensPerPeriod = 1,
                        ReplenishmentPeriod = TimeSpan.FromSeconds(60.0 / o.AuthRequestsPerMinute),
                        QueueLimit = 0,
                        AutoReplenishment = true,
                    })
                    : RateLimitPartition.GetNoLimiter(string.Empty));
            options.GlobalLimiter = PartitionedRateLimiter.CreateChained(credentials, general);
            options.OnRejected = (context, _) =>
            {
                HostingMetrics.RateLimited(IsCredentialRequest(context.HttpContext) ? HostingMetrics.CredentialsLimit : HostingMetrics.IpLimit);
                return new ValueTask(RateLimitedResponse.WriteAsync(context.HttpContext, context.Lease));
            };
        }

        // The Functions host must always get an answer from GET /, or it deems the handler dead.
        private static bool IsReadinessProbe(HttpContext context) =>
            HttpMethods.IsGet(context.Request.Method) && context.Request.Path == "/";

        private static bool IsCredentialRequest(HttpContext context) =>
            context.GetEndpoint()?.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName is { } name &&
            CredentialEndpoints.Contains(name, StringComparer.Ordinal);
    }
}
