using Primatomic.Functions.Hosting;

namespace Primatomic.Functions.Auth;

/// <summary>
/// The authorization model beyond "the token holds the endpoint's scope" (docs/api.md, "Authorization model"):
/// a credential never grants more than it holds, and people, not keys, manage people and signing keys.
/// </summary>
internal static class AuthorizationRules
{
    /// <summary>How deep keys may be created through keys; bounds the revocation walk.</summary>
    public const int MaxKeyChainDepth = 8;

    /// <summary>Only a login token (not one exchanged for an API key) may pass; map after <see cref="AuthFeature.RequireScope"/>.</summary>
    public static TBuilder RequirePasswordSession<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (invocation, next) =>
        {
            if (!invocation.HttpContext.GetCaller().IsPasswordSession)
            {
                throw ApiException.PermissionDenied("This operation needs a password sign-in; a token from an API key cannot do it.");
            }

            return await next(invocation);
        });

    /// <summary>Members never manage keys or users, even if a token somehow carried keys:manage.</summary>
    public static Caller RequireTenantManager(HttpContext context)
    {
        var caller = context.GetCaller();
        if (!RoleScopes.CanManageTenant(caller.Role))
        {
            throw ApiException.PermissionDenied("Only the tenant's owner or the platform admin may do this.");
        }

        return caller;
    }

    /// <summary>A new key's scopes must be ones the creating token holds: no credential mints a broader one.</summary>
    public static void RequireGrantable(Caller caller, IReadOnlyList<string> scopes)
    {
        var missing = scopes.Where(scope => !caller.Has(scope)).ToList();
        if (missing.Count > 0)
        {
            throw ApiException.PermissionDenied(
                $"A key cannot hold scopes its creator's token does not hold: {string.Join(", ", missing)}.");
        }
    }

    /// <summary>The role a new key acts as: the creator's, except that the admin inside another tenant is its owner.</summary>
    public static string RoleForNewKey(Caller caller) =>
        caller.IsAdmin && caller.TenantId != caller.HomeTenantId ? Roles.Owner : caller.Role;
}
