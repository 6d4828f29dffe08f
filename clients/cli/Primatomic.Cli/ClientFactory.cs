using Primatomic.Cli.Config;
using Primatomic.Client;

namespace Primatomic.Cli;

/// <summary>The C# client for a profile: it signs in with the API key (and renews the token), or uses the login token.</summary>
internal static class ClientFactory
{
    public static PrimatomicClient Create(Profile profile) => new(new PrimatomicClientOptions
    {
        BaseAddress = new Uri(profile.Url),
        ApiKey = profile.ApiKey,
        AccessToken = profile.ApiKey is null ? profile.AccessToken : null,
        TenantId = profile.Tenant,
    });
}
