using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.Extensions.Options;
using Primatomic.Functions.Auth;

namespace Primatomic.Functions.Hosting;

/// <summary>
/// CORS for browser apps on other origins, answered by the service itself: under the Functions host the platform's own
/// CORS (siteConfig.cors) stays empty, so it adds no headers of its own and passes preflights through to us (every
/// function also accepts OPTIONS). One set of headers, from one policy, on every answer including problems.
/// </summary>
public static class CrossOrigin
{
    /// <summary>How long a browser may reuse a preflight's answer.</summary>
    public static readonly TimeSpan PreflightMaxAge = TimeSpan.FromMinutes(10);

    /// <summary>Request headers a cross-origin caller may send beyond the CORS-safelisted ones.</summary>
    public static readonly string[] AllowedHeaders =
        ["Authorization", "Content-Type", "Idempotency-Key", CallerResolver.TenantHeader, "If-None-Match", "traceparent", "tracestate"];

    /// <summary>Response headers a cross-origin page may read beyond the CORS-safelisted ones.</summary>
    public static readonly string[] ExposedHeaders = ["Retry-After", "ETag", "Location"];

    public static WebApplicationBuilder AddCrossOrigin(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<CrossOriginOptions>()
            .Configure<IConfiguration>(CrossOriginOptions.Bind)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddCors();
        builder.Services.AddSingleton<IConfigureOptions<CorsOptions>, ConfigureCorsPolicy>();
        return builder;
    }

    /// <summary>First in the pipeline, so every answer (rate limits, problems) carries the headers a browser needs to read it.</summary>
    public static WebApplication UseCrossOrigin(this WebApplication app)
    {
        // Read per request, not here: settings are validated (and reported as one line) after the pipeline is built.
        var origins = app.Services.GetRequiredService<IOptions<CrossOriginOptions>>();
        app.UseWhen(_ => origins.Value.Origins.Count > 0, cors => cors.UseCors());
        return app;
    }

    private sealed class ConfigureCorsPolicy(IOptions<CrossOriginOptions> origins) : IConfigureOptions<CorsOptions>
    {
        public void Configure(CorsOptions options) => options.AddDefaultPolicy(policy =>
        {
            var allowed = origins.Value;
            // Bearer tokens, never cookies: credentials mode is not needed, which also makes "*" safe to offer.
            if (allowed.AllowsAnyOrigin)
            {
                policy.AllowAnyOrigin();
            }
            else
            {
                policy.WithOrigins([.. allowed.Origins]);
            }

            policy.WithMethods("GET", "POST", "DELETE")
                .WithHeaders(AllowedHeaders)
                .WithExposedHeaders(ExposedHeaders)
                .SetPreflightMaxAge(PreflightMaxAge);
        });
    }
}
