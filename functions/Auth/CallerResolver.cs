using System.Security.Claims;
using Primatomic.Functions.Hosting;

namespace Primatomic.Functions.Auth;

/// <summary>
/// Turns a validated token into the <see cref="Caller"/>, applying <c>X-Tenant-ID</c>: the platform admin may act in
/// any existing tenant; anyone else may only name their own.
/// </summary>
internal sealed class CallerResolver(AccountStore accounts)
{
    public const string TenantHeader = "X-Tenant-ID";

    public async Task<Caller> ResolveAsync(HttpContext context)
    {
        var user = context.User;
        var subject = Claim(user, AuthClaims.Subject);
        var homeTenant = Claim(user, AuthClaims.Tenant);
        var role = Claim(user, AuthClaims.Role);
        var scopes = ScopesOf(user);
        if (subject is null || homeTenant is null || role is null || !RoleScopes.IsKnownRole(role))
        {
            throw ApiException.Unauthenticated("The token does not identify a caller.");
        }

        var tenantId = homeTenant;
        if (context.Request.Headers.TryGetValue(TenantHeader, out var header) && header.ToString() is { Length: > 0 } requested
            && requested != homeTenant)
        {
            if (role != Roles.Admin)
            {
                throw ApiException.PermissionDenied("Only the platform admin may act in another tenant.");
            }

            // Tenant ids are our own 32-hex-digit form; checking it first keeps odd characters out of storage keys.
            if (!Guid.TryParseExact(requested, "N", out _) || !await AuthStorageFaults.BoundedAsync(token => accounts.TenantExistsAsync(requested, token), context.RequestAborted))
            {
                throw ApiException.NotFound("No such tenant.");
            }

            tenantId = requested;
        }

        return new Caller(tenantId, subject, role, scopes) { HomeTenantId = homeTenant, ApiKeyId = Claim(user, AuthClaims.KeyId) };
    }

    public static IReadOnlySet<string> ScopesOf(ClaimsPrincipal user) =>
        user.FindAll(AuthClaims.Scope)
            .SelectMany(claim => claim.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .ToHashSet(StringComparer.Ordinal);

    private static string? Claim(ClaimsPrincipal user, string type) => user.FindFirst(type)?.Value is { Length: > 0 } value ? value : null;
}
