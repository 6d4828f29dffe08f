using System.Text.Json.Serialization;

namespace Primatomic.Cli.Config;

/// <summary>The user's config file: named profiles and which one commands use when <c>--profile</c> is not given.</summary>
internal sealed record ConfigFile
{
    [JsonPropertyName("current_profile")]
    public string? CurrentProfile { get; init; }

    [JsonPropertyName("profiles")]
    public Dictionary<string, Profile> Profiles { get; init; } = new(StringComparer.Ordinal);
}
