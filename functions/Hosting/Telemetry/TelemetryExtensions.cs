using Azure.Monitor.OpenTelemetry.AspNetCore;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Primatomic.Functions.Hosting.Telemetry;

/// <summary>Traces, metrics and logs, exported where configuration says (docs/operations.md, Monitoring).</summary>
public static class TelemetryExtensions
{
    public static WebApplicationBuilder AddTelemetry(this WebApplicationBuilder builder)
    {
        TraceIds.UseW3C();
        // Every log record carries its trace and span ids (a scope the JSON console writes), exported or not.
        builder.Logging.Configure(options => options.ActivityTrackingOptions =
            ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId | ActivityTrackingOptions.ParentId);

        var export = TelemetryExport.FromConfiguration(builder.Configuration);
        if (!export.Enabled)
        {
            // No provider, no listener: the service's StartActivity calls return null and its hot paths skip all span work.
            return builder;
        }

        var otel = builder.Services.AddOpenTelemetry().AddPrimatomicSignals();
        if (export.OtlpEndpoint is not null)
        {
            // The exporter reads OTEL_EXPORTER_OTLP_ENDPOINT (and _PROTOCOL, _HEADERS, ...) itself, per signal.
            otel.WithTracing(tracing => tracing.AddOtlpExporter())
                .WithMetrics(metrics => metrics.AddOtlpExporter())
                .WithLogging(logging => logging.AddOtlpExporter(), options =>
                {
                    options.IncludeFormattedMessage = true;
                    options.IncludeScopes = true;
                });
        }

        if (export.AzureMonitorConnectionString is { } connectionString)
        {
            // The distro also exports logs, and adds its own request and dependency instrumentation beside ours.
            otel.UseAzureMonitor(options =>
            {
                options.ConnectionString = connectionString;
                options.Credential = export.AzureMonitorCredential;
            });
        }

        return builder;
    }
}
