using System.Diagnostics;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Primatomic.Functions.Hosting.Telemetry;
using Primatomic.Tests.Infrastructure;
using Primatomic.Tests.Logs;
using Primatomic.Tests.Views;

namespace Primatomic.Tests.Telemetry;

/// <summary>
/// One service for the telemetry tests, with the service's own signals (<see cref="PrimatomicTelemetry"/>) exported to
/// memory, a tenant, and a log with the counter view deployed and led. The credential rate limit is low (4 a minute:
/// the tenant's registration and login take 2) so a test can provoke a 429 in a few requests. Spans and metrics of
/// other test classes running in this process reach these exporters too: tests pick theirs by trace id.
/// </summary>
public sealed class TelemetryHost : IAsyncLifetime
{
    public const string ViewName = "counter";

    private ApiFactory _api = null!;

    public LockedCollection<Activity> Spans { get; } = new();
    public LockedCollection<MetricSnapshot> Metrics { get; } = new();
    public WebApplicationFactory<Program> Service { get; private set; } = null!;
    public HttpClient Client { get; private set; } = null!;
    public TestTenant Owner { get; private set; } = null!;
    public string ViewLogId { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _api = await ApiFactory.CreateAsync(new Dictionary<string, string?> { ["AUTH_RATE_LIMIT_PER_MINUTE"] = "4" });
        Service = _api.WithWebHostBuilder(web => web.ConfigureServices(services => services.AddOpenTelemetry()
            .AddPrimatomicSignals()
            .WithTracing(tracing => tracing.AddInMemoryExporter(Spans))
            .WithMetrics(metrics => metrics.AddInMemoryExporter(Metrics))));
        Client = Service.CreateClient();
        Owner = await TestTenant.RegisterAsync(Client);
        Owner.Authorize(Client);
        ViewLogId = await Client.CreateLogAsync();
        await Client.DeployOkAsync(ViewLogId, ViewName, ExampleViews.Component("counter"));
        await Client.WaitForLeaderAsync(ViewLogId, ViewName, TimeSpan.FromSeconds(60));
    }

    /// <summary>Everything measured so far (cumulative), collected now.</summary>
    public List<MetricSnapshot> CollectMetrics()
    {
        Metrics.Clear();
        Assert.True(Service.Services.GetRequiredService<MeterProvider>().ForceFlush(10_000), "the meter provider did not flush");
        return Metrics.Snapshot();
    }

    /// <summary>Waits until spans of <paramref name="traceId"/> satisfy <paramref name="found"/>; returns them.</summary>
    public async Task<List<Activity>> SpansOfAsync(ActivityTraceId traceId, Func<List<Activity>, bool> found, string what)
    {
        List<Activity> spans = [];
        await Eventually.TrueAsync(() =>
        {
            spans = Spans.Snapshot().Where(span => span.TraceId == traceId).ToList();
            return Task.FromResult(found(spans));
        }, $"{what} (trace {traceId})", TimeSpan.FromSeconds(15));
        return spans;
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Service.DisposeAsync();
        await _api.DisposeAsync();
    }
}
