namespace Primatomic.Functions.Auth;

/// <summary>Which scopes each role may hold; an API key is further limited to the scopes it was created with.</summary>
internal static class RoleScopes
{
    private static readonly IReadOnlyList<string> MemberScopes =
        [Scopes.LogsRead, Scopes.LogsWrite, Scopes.ViewsDeploy, Scopes.ViewsQuery];

    public static bool IsKnownRole(string role) => role is Roles.Admin or Roles.Owner or Roles.Member;

    public static IReadOnlyList<string> For(string role) => role switch
    {
        Roles.Admin or Roles.Owner => Scopes.All,
        Roles.Member => MemberScopes,
        _ => [],
    };

    /// <summary>Can this role manage the tenant: its API keys and its users.</summary>
    public static bool CanManageTenant(string role) => role is Roles.Admin or Roles.Owner;
}
