namespace Primatomic.Client;

/// <summary>A new API key, with its secret: shown this once, store it now.</summary>
/// <param name="KeyId">The key's id.</param>
/// <param name="Name">The name it was given.</param>
/// <param name="Scopes">What it may do.</param>
/// <param name="CreatedAt">When it was created (UTC).</param>
/// <param name="ParentKeyId">The key it was created through, if any.</param>
/// <param name="ApiKey">The secret, <c>pk_...</c>: pass it as <see cref="PrimatomicClientOptions.ApiKey"/>.</param>
public sealed record CreatedApiKey(string KeyId, string Name, IReadOnlyList<string> Scopes, DateTimeOffset CreatedAt, string? ParentKeyId, string ApiKey);
