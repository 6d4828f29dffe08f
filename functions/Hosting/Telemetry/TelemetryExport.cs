using Azure.Core;
using Azure.Identity;

namespace Primatomic.Functions.Hosting.Telemetry;

/// <summary>
/// Where telemetry goes, from configuration: an OTLP collector when the standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is
/// set, Application Insights when <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c> is (with Entra auth as
/// <c>APPLICATIONINSIGHTS_AUTHENTICATION_STRING</c> says, the same setting the Functions host reads), both, or neither.
/// </summary>
public sealed record TelemetryExport(string? OtlpEndpoint, string? AzureMonitorConnectionString, TokenCredential? AzureMonitorCredential)
{
    public const string OtlpEndpointSetting = "OTEL_EXPORTER_OTLP_ENDPOINT";
    public const string AzureMonitorSetting = "APPLICATIONINSIGHTS_CONNECTION_STRING";
    public const string AzureMonitorAuthenticationSetting = "APPLICATIONINSIGHTS_AUTHENTICATION_STRING";

    /// <summary>False when nothing is exported: then no provider listens, and no span or measurement is even recorded.</summary>
    public bool Enabled => OtlpEndpoint is not null || AzureMonitorConnectionString is not null;

    public static TelemetryExport FromConfiguration(IConfiguration configuration)
    {
        var otlp = NullIfBlank(configuration[OtlpEndpointSetting]);
        var azureMonitor = NullIfBlank(configuration[AzureMonitorSetting]);
        var credential = azureMonitor is null ? null : Credential(configuration[AzureMonitorAuthenticationSetting]);
        return new TelemetryExport(otlp, azureMonitor, credential);
    }

    /// <summary>
    /// <c>Authorization=AAD</c> sends with a managed identity: the user-assigned one named by <c>ClientId=</c> (what
    /// infra/modules/app.bicep sets, as for storage), else the system-assigned one. Without it, the connection
    /// string's key is used, which only works where local auth is allowed (not in our Azure deployment).
    /// </summary>
    public static TokenCredential? Credential(string? authenticationString)
    {
        var parts = (authenticationString ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(part => part.Split('=', 2))
            .Where(pair => pair.Length == 2)
            .ToDictionary(pair => pair[0], pair => pair[1], StringComparer.OrdinalIgnoreCase);
        if (!parts.TryGetValue("Authorization", out var authorization) || !string.Equals(authorization, "AAD", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return new ManagedIdentityCredential(parts.TryGetValue("ClientId", out var clientId) && clientId.Length > 0
            ? ManagedIdentityId.FromUserAssignedClientId(clientId)
            : ManagedIdentityId.SystemAssigned);
    }

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
