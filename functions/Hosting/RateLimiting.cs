using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Primatomic.Functions.Hosting;

/// <summary>Two chained per-IP token buckets: a general one, and a strict one for credential endpoints.</summary>
internal static class RateLimiting
{
    // Chosen by the matched endpoint, not the path, so "/auth/login/" or odd casing cannot dodge the strict bucket.
    private static readonly string[] CredentialEndpoints = ["AuthLogin", "AuthRegister", "AuthToken"];

    public static WebApplicationBuilder AddRateLimiting(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<RateLimitOptions>()
            .Configure<IConfiguration>(RateLimitOptions.Bind)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddRateLimiter(_ => { });
        builder.Services.AddSingleton<IConfigureOptions<RateLimiterOptions>, ConfigureRateLimiter>();
        return builder;
    }

    public static WebApplication UseRateLimiting(this WebApplication app)
    {
        app.UseRateLimiter();
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
            options.OnRejected = async (context, cancellationToken) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait)
                    ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds))
                    : 1;
                context.HttpContext.Response.Headers.RetryAfter = retryAfter.ToString(System.Globalization.CultureInfo.InvariantCulture);
                await ProblemResponse.WriteAsync(context.HttpContext, StatusCodes.Status429TooManyRequests, ErrorCodes.RateLimited,
                    $"Too many requests; retry after {retryAfter} s.",
                    new Dictionary<string, object?> { ["retry_after"] = retryAfter });
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
