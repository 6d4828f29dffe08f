namespace Primatomic.Functions.Auth;

/// <summary>
/// Who is calling, resolved from a validated token. <see cref="TenantId"/> is the tenant the request acts in:
/// the token's own tenant, or for the platform admin the one named by <c>X-Tenant-ID</c>. Every storage access is
/// keyed by it, which is what keeps tenants apart.
/// </summary>
public sealed record Caller(string TenantId, string SubjectId, string Role, IReadOnlySet<string> Scopes)
{
    public bool IsAdmin => Role == Roles.Admin;

    /// <summary>The tenant the token itself belongs to (differs from <see cref="TenantId"/> only for the admin).</summary>
    public string? HomeTenantId { get; init; }

    /// <summary>The API key the token was exchanged for, if any.</summary>
    public string? ApiKeyId { get; init; }

    /// <summary>
    /// Signed in with a password (a login token), as opposed to a token exchanged for an API key. Some operations
    /// (creating users, rotating signing keys) need a person, not a key.
    /// </summary>
    public bool IsPasswordSession => ApiKeyId is null;

    public bool Has(string scope) => Scopes.Contains(scope);
}
