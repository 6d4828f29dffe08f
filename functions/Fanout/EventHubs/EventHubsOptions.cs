using System.Net;

namespace Primatomic.Functions.Fanout.EventHubs;

/// <summary>
/// Where and how to publish, read from the same settings the Functions host uses for the trigger:
/// <c>EventHubConnection__fullyQualifiedNamespace</c> (+ <c>__credential</c>, <c>__clientId</c>) for Entra auth, or the
/// SAS connection string <c>EventHubConnection</c>; <c>EVENT_HUB_NAME</c> names the hub. Null when neither is set:
/// the fan-out then stays in-process.
/// </summary>
public sealed record EventHubsOptions(string Namespace, string HubName, string? Credential, string? ClientId,
    string? SasKeyName, string? SasKey, Uri? EndpointOverride)
{
    public const string ConnectionName = "EventHubConnection";
    public const string HubNameSetting = "EVENT_HUB_NAME";

    /// <summary>Test-only redirection of the REST calls to a local listener (must be a loopback http URL).</summary>
    public const string EndpointSetting = "EVENT_HUB_ENDPOINT";

    public bool UsesSas => SasKeyName is not null && SasKey is not null;

    /// <summary>The hub as Event Hubs names it: the resource a SAS token is signed for.</summary>
    public Uri ResourceUri => new($"https://{Namespace}/{HubName}");

    /// <summary>The REST send endpoint (batch send: one POST per partition key).</summary>
    public Uri MessagesUri => new(EndpointOverride ?? new Uri($"https://{Namespace}/"), $"{Uri.EscapeDataString(HubName)}/messages?timeout=60&api-version=2014-01");

    public static EventHubsOptions? FromConfiguration(IConfiguration configuration)
    {
        var section = configuration.GetSection(ConnectionName);
        var connectionString = section.Value;
        var fullyQualified = section["fullyQualifiedNamespace"];
        if (string.IsNullOrWhiteSpace(connectionString) && string.IsNullOrWhiteSpace(fullyQualified))
        {
            return null;
        }

        var parts = string.IsNullOrWhiteSpace(connectionString) ? new Dictionary<string, string>() : ParseConnectionString(connectionString);
        var ns = !string.IsNullOrWhiteSpace(fullyQualified)
            ? HostOf(fullyQualified)
            : parts.TryGetValue("Endpoint", out var endpoint) ? HostOf(endpoint)
            : throw new InvalidOperationException($"{ConnectionName} has no Endpoint=sb://<namespace>/ part.");
        var hub = configuration[HubNameSetting] is { Length: > 0 } named ? named
            : parts.TryGetValue("EntityPath", out var path) && path.Length > 0 ? path
            : throw new InvalidOperationException($"Event Hubs fan-out is configured but {HubNameSetting} is not set.");
        return new EventHubsOptions(ns, hub, section["credential"], section["clientId"],
            parts.GetValueOrDefault("SharedAccessKeyName"), parts.GetValueOrDefault("SharedAccessKey"),
            EndpointOverrideFrom(configuration[EndpointSetting]));
    }

    private static Dictionary<string, string> ParseConnectionString(string connectionString)
    {
        var parts = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var part in connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            // Keys are base64 and may end in '=': split at the first one only.
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0)
            {
                parts[part[..equals]] = part[(equals + 1)..];
            }
        }

        return parts;
    }

    /// <summary>"ns.servicebus.windows.net", "sb://ns.servicebus.windows.net/" and "https://..." all name the same host.</summary>
    private static string HostOf(string value) =>
        Uri.TryCreate(value.Contains("://", StringComparison.Ordinal) ? value : "sb://" + value, UriKind.Absolute, out var uri) && uri.Host.Length > 0
            ? uri.Host
            : throw new InvalidOperationException("The Event Hubs namespace is not a host name.");

    private static Uri? EndpointOverrideFrom(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        // Only for tests against a local listener: never a way to send events (and a token) somewhere else.
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttp
            || !IPAddress.TryParse(uri.Host, out var ip) || !IPAddress.IsLoopback(ip))
        {
            throw new InvalidOperationException($"{EndpointSetting} must be a loopback http URL such as http://127.0.0.1:8080/.");
        }

        return uri.AbsoluteUri.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/");
    }
}
