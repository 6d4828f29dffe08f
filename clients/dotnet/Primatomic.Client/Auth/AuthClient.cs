using System.Text.Json;

namespace Primatomic.Client;

/// <summary>Tenants, sign-in, API keys and users: the <c>/auth</c> routes.</summary>
public sealed class AuthClient
{
    private readonly PrimatomicTransport _transport;

    internal AuthClient(PrimatomicTransport transport) => _transport = transport;

    /// <summary><c>POST /auth/register</c>: a new tenant with this owner. Retried safely: the same email and password within 15 minutes answer the same ids.</summary>
    public async Task<Registration> RegisterAsync(string email, string password, CancellationToken cancellationToken = default) =>
        await _transport.ReadJsonAsync<Registration>(new ApiRequest(HttpMethod.Post, "auth/register")
        {
            Authenticated = false,
            Content = PrimatomicTransport.Json(new Wire.Credentials(email, password)),
        }, cancellationToken).ConfigureAwait(false);

    /// <summary><c>POST /auth/login</c>: a token for a password. (To have the client sign in itself, set <see cref="PrimatomicClientOptions.Email"/>.)</summary>
    public async Task<TokenResult> LoginAsync(string email, string password, CancellationToken cancellationToken = default) =>
        await _transport.ReadJsonAsync<TokenResult>(new ApiRequest(HttpMethod.Post, "auth/login")
        {
            Authenticated = false,
            Content = PrimatomicTransport.Json(new Wire.Credentials(email, password)),
        }, cancellationToken).ConfigureAwait(false);

    /// <summary><c>POST /auth/token</c>: a token for an API key. (To have the client do this itself, set <see cref="PrimatomicClientOptions.ApiKey"/>.)</summary>
    public async Task<TokenResult> ExchangeApiKeyAsync(string apiKey, CancellationToken cancellationToken = default) =>
        await _transport.ReadJsonAsync<TokenResult>(new ApiRequest(HttpMethod.Post, "auth/token")
        {
            Authenticated = false,
            Content = PrimatomicTransport.Json(new Wire.ApiKeyRequest(apiKey)),
        }, cancellationToken).ConfigureAwait(false);

    /// <summary><c>POST /auth/keys</c>: a new API key with these scopes (see <see cref="Scopes"/>). Not retried after a lost answer, which could make two keys.</summary>
    public async Task<CreatedApiKey> CreateApiKeyAsync(string name, IEnumerable<string> scopes, CancellationToken cancellationToken = default) =>
        await _transport.ReadJsonAsync<CreatedApiKey>(new ApiRequest(HttpMethod.Post, "auth/keys")
        {
            Safety = RetrySafety.OnlyWhenRefused,
            Content = PrimatomicTransport.Json(new Wire.NewKey(name, [.. scopes])),
        }, cancellationToken).ConfigureAwait(false);

    /// <summary><c>GET /auth/keys</c>: the tenant's API keys.</summary>
    public async Task<IReadOnlyList<ApiKeyInfo>> ListApiKeysAsync(CancellationToken cancellationToken = default) =>
        (await _transport.ReadJsonAsync<Wire.ApiKeyList>(new ApiRequest(HttpMethod.Get, "auth/keys"), cancellationToken).ConfigureAwait(false)).Keys;

    /// <summary><c>GET /auth/keys/{keyId}</c>: one API key's metadata.</summary>
    public async Task<ApiKeyInfo> GetApiKeyAsync(string keyId, CancellationToken cancellationToken = default) =>
        await _transport.ReadJsonAsync<ApiKeyInfo>(new ApiRequest(HttpMethod.Get, $"auth/keys/{Routes.Segment(keyId)}"), cancellationToken)
            .ConfigureAwait(false);

    /// <summary><c>DELETE /auth/keys/{keyId}</c>: revokes the key and every key created through it.</summary>
    public Task RevokeApiKeyAsync(string keyId, CancellationToken cancellationToken = default) =>
        _transport.SendOnlyAsync(new ApiRequest(HttpMethod.Delete, $"auth/keys/{Routes.Segment(keyId)}"), cancellationToken);

    /// <summary><c>POST /auth/users</c> (password session): adds a <c>member</c> or <c>owner</c> to the tenant.</summary>
    public async Task<UserInfo> CreateUserAsync(string email, string password, string role = "member", CancellationToken cancellationToken = default) =>
        await _transport.ReadJsonAsync<UserInfo>(new ApiRequest(HttpMethod.Post, "auth/users")
        {
            Safety = RetrySafety.OnlyWhenRefused,
            Content = PrimatomicTransport.Json(new Wire.NewUser(email, password, role)),
        }, cancellationToken).ConfigureAwait(false);

    /// <summary><c>GET /auth/users</c> (password session): the tenant's members.</summary>
    public async Task<IReadOnlyList<UserInfo>> ListUsersAsync(CancellationToken cancellationToken = default) =>
        (await _transport.ReadJsonAsync<Wire.UserList>(new ApiRequest(HttpMethod.Get, "auth/users"), cancellationToken).ConfigureAwait(false)).Users;

    /// <summary><c>GET /.well-known/jwks.json</c>: the public keys that verify the service's tokens.</summary>
    public async Task<JsonDocument> GetJwksAsync(CancellationToken cancellationToken = default) =>
        await _transport.ReadJsonAsync<JsonDocument>(new ApiRequest(HttpMethod.Get, ".well-known/jwks.json") { Authenticated = false }, cancellationToken)
            .ConfigureAwait(false);

    /// <summary><c>POST /auth/signing-keys/rotate</c> (platform admin, password session): a new signing key; returns its <c>kid</c>.</summary>
    public async Task<string> RotateSigningKeysAsync(CancellationToken cancellationToken = default)
    {
        using var answer = await _transport.ReadJsonAsync<JsonDocument>(new ApiRequest(HttpMethod.Post, "auth/signing-keys/rotate")
        {
            Safety = RetrySafety.OnlyWhenRefused,
        }, cancellationToken).ConfigureAwait(false);
        return answer.RootElement.GetProperty("kid").GetString()!;
    }
}
