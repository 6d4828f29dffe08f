using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Primatomic.Functions.Fanout;
using Primatomic.Functions.Logs.Storage;
using Primatomic.Functions.Views;

namespace Primatomic.Functions.Hosting.Telemetry;

/// <summary>
/// The service's own signals (activity sources and meters, each owned by its feature) and the instrumentation of
/// what it is built on: ASP.NET Core requests and outgoing HTTP (storage, Event Hubs). Exporters are added separately,
/// by configuration (<see cref="TelemetryExtensions.AddTelemetry"/>) or by a test (in memory).
/// </summary>
public static class PrimatomicTelemetry
{
    public const string ServiceName = "primatomic";

    /// <summary>Every activity source of the service: request → commit (Logs) → publish (Fanout) → apply (Views).</summary>
    public static readonly string[] Sources = [LogTelemetry.SourceName, FanoutTelemetry.SourceName, ViewTelemetry.SourceName];

    /// <summary>Every meter of the service; all its instruments are named <c>primatomic.*</c>.</summary>
    public static readonly string[] Meters = [LogTelemetry.MeterName, ViewTelemetry.MeterName, FanoutMetrics.MeterName, HostingMetrics.MeterName];

    public static OpenTelemetryBuilder AddPrimatomicSignals(this OpenTelemetryBuilder otel) => otel
        .ConfigureResource(resource => resource.AddService(ServiceName, serviceInstanceId: ViewNode.Id))
        .WithTracing(tracing => tracing
            .AddSource(Sources)
            .AddAspNetCoreInstrumentation()
            .AddHttpClientInstrumentation())
        .WithMetrics(metrics => metrics
            .AddMeter(Meters)
            .AddAspNetCoreInstrumentation()
            .AddHttpClientInstrumentation());
}
