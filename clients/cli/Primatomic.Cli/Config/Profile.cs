using System.Text.Json.Serialization;

namespace Primatomic.Cli.Config;

/// <summary>
/// One service and the credentials to use with it. Either an API key (exchanged for tokens, refreshed by the client)
/// or the token a password sign-in returned (<c>primatomic login</c>; the password itself is never stored).
/// </summary>
internal sealed record Profile
{
    [JsonPropertyName("url")]
    public required string Url { get; init; }

    [JsonPropertyName("api_key")]
    public string? ApiKey { get; init; }

    [JsonPropertyName("email")]
    public string? Email { get; init; }

    [JsonPropertyName("access_token")]
    public string? AccessToken { get; init; }

    [JsonPropertyName("access_token_expires_at")]
    public DateTimeOffset? AccessTokenExpiresAt { get; init; }

    /// <summary>Sent as <c>X-Tenant-ID</c>: lets the platform admin act inside another tenant.</summary>
    [JsonPropertyName("tenant")]
    public string? Tenant { get; init; }

    /// <summary>How this profile signs in, for <c>profile list</c>; never the secret itself.</summary>
    [JsonIgnore]
    public string CredentialKind => ApiKey is not null ? "api key"
        : AccessToken is not null ? $"login ({Email})"
        : "none";
}
