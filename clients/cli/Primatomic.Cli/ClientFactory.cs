using Primatomic.Cli.Config;
using Primatomic.Client;

namespace Primatomic.Cli;

/// <summary>The C# client for a profile: it signs in with the API key (and renews the token), or uses the login token.</summary>
internal static class ClientFactory
{
    /// <param name="source">Where the URL came from (a profile's name, or <c>$PRIMATOMIC_URL</c>), for the message when it is not one.</param>
    public static PrimatomicClient Create(Profile profile, string source) => new(new PrimatomicClientOptions
    {
        BaseAddress = BaseAddress(profile.Url, source),
        ApiKey = profile.ApiKey,
        AccessToken = profile.ApiKey is null ? profile.AccessToken : null,
        TenantId = profile.Tenant,
    });

    /// <summary>The service's address; a config file edited by hand or a mistyped <c>$PRIMATOMIC_URL</c> is a usage error (exit 1).</summary>
    private static Uri BaseAddress(string url, string source) =>
        Uri.TryCreate(url, UriKind.Absolute, out var address) && (address.Scheme == Uri.UriSchemeHttp || address.Scheme == Uri.UriSchemeHttps)
            ? address
            : throw CliException.Usage(
                source.StartsWith('$')
                    ? $"{source} must be an http or https address, such as http://127.0.0.1:7071; got '{url}'."
                    : $"The profile '{source}' has the URL '{url}', which is not an http or https address: fix it with `primatomic profile set {source} --url URL`.");
}
