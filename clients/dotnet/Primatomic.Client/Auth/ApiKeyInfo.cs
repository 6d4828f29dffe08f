namespace Primatomic.Client;

/// <summary>An API key's metadata (never its secret).</summary>
/// <param name="KeyId">The key's id.</param>
/// <param name="Name">The name it was given.</param>
/// <param name="Scopes">What it may do (see <see cref="Scopes"/>).</param>
/// <param name="CreatedAt">When it was created (UTC).</param>
/// <param name="ParentKeyId">The key it was created through, if any: revoking that one revokes this one.</param>
public sealed record ApiKeyInfo(string KeyId, string Name, IReadOnlyList<string> Scopes, DateTimeOffset CreatedAt, string? ParentKeyId);
