using System.Net.Http.Headers;
using Azure.Core;
using Azure.Identity;

namespace Primatomic.Functions.Fanout.EventHubs;

/// <summary>
/// The Authorization header for the REST calls: a SAS token when a connection string with a key is configured,
/// otherwise a Microsoft Entra token (managed identity in Azure). Either is reused until five minutes before it expires.
/// </summary>
public sealed class EventHubsAuthorization(EventHubsOptions options, TimeProvider time) : IDisposable
{
    public static readonly string[] Scopes = ["https://eventhubs.azure.net/.default"];
    private static readonly TimeSpan SasLifetime = TimeSpan.FromHours(1);
    private static readonly TimeSpan RenewBefore = TimeSpan.FromMinutes(5);

    private readonly TokenCredential? _credential = options.UsesSas ? null : CreateCredential(options);
    private readonly SemaphoreSlim _refresh = new(1, 1);
    private (AuthenticationHeaderValue Header, DateTimeOffset Expires)? _current;

    public async Task<AuthenticationHeaderValue> HeaderAsync(CancellationToken cancellationToken)
    {
        if (_current is { } cached && cached.Expires - RenewBefore > time.GetUtcNow())
        {
            return cached.Header;
        }

        await _refresh.WaitAsync(cancellationToken);
        try
        {
            if (_current is { } fresh && fresh.Expires - RenewBefore > time.GetUtcNow())
            {
                return fresh.Header;
            }

            _current = await CreateAsync(cancellationToken);
            return _current.Value.Header;
        }
        finally
        {
            _refresh.Release();
        }
    }

    private async Task<(AuthenticationHeaderValue, DateTimeOffset)> CreateAsync(CancellationToken cancellationToken)
    {
        if (_credential is null)
        {
            var expires = time.GetUtcNow() + SasLifetime;
            var token = SharedAccessSignature.Create(options.ResourceUri, options.SasKeyName!, options.SasKey!, expires);
            return (new AuthenticationHeaderValue("SharedAccessSignature", token["SharedAccessSignature ".Length..]), expires);
        }

        var access = await _credential.GetTokenAsync(new TokenRequestContext(Scopes), cancellationToken);
        return (new AuthenticationHeaderValue("Bearer", access.Token), access.ExpiresOn);
    }

    public void Dispose() => _refresh.Dispose();

    private static TokenCredential CreateCredential(EventHubsOptions options) =>
        string.Equals(options.Credential, "managedidentity", StringComparison.OrdinalIgnoreCase)
            ? new ManagedIdentityCredential(options.ClientId is null ? ManagedIdentityId.SystemAssigned : ManagedIdentityId.FromUserAssignedClientId(options.ClientId))
            : new DefaultAzureCredential();
}
