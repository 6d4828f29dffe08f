using System.Net;
using Azure.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Primatomic.Functions.Hosting.Telemetry;
using Primatomic.Tests.Infrastructure;

namespace Primatomic.Tests.Telemetry;

/// <summary>Export is chosen by configuration: OTLP, Application Insights (with Entra auth), both, or nothing at all.</summary>
public sealed class ExportConfigurationTests
{
    [Fact]
    public async Task With_otlp_and_application_insights_configured_the_service_starts_with_both_exporters()
    {
        // Nothing listens on port 9: the exporters fail in the background, never the service.
        await using var api = await ApiFactory.CreateAsync(new Dictionary<string, string?>
        {
            [TelemetryExport.OtlpEndpointSetting] = "http://127.0.0.1:9",
            [TelemetryExport.AzureMonitorSetting] = "InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=http://127.0.0.1:9/",
        });
        using var client = api.CreateClient();

        using var response = await client.GetAsync(new Uri("/", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull(api.Services.GetService<TracerProvider>());
        Assert.NotNull(api.Services.GetService<MeterProvider>());
    }

    [Fact]
    public void Without_an_exporter_configured_nothing_is_registered()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection([]).Build();

        Assert.False(TelemetryExport.FromConfiguration(configuration).Enabled);
    }

    [Theory]
    [InlineData("ClientId=8f1c2b3a-0000-4000-8000-000000000001;Authorization=AAD", true)]
    [InlineData("Authorization=AAD", true)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Application_insights_uses_a_managed_identity_only_when_the_authentication_string_says_aad(string? authentication, bool managed)
    {
        var credential = TelemetryExport.Credential(authentication);

        Assert.Equal(managed, credential is ManagedIdentityCredential);
    }
}
