namespace Primatomic.Functions.Auth;

/// <summary>API-key and token scopes. A token carries the scopes it may use; endpoints require one each.</summary>
public static class Scopes
{
    public const string LogsRead = "logs:read";
    public const string LogsWrite = "logs:write";
    public const string ViewsDeploy = "views:deploy";
    public const string ViewsQuery = "views:query";
    public const string KeysManage = "keys:manage";

    public static readonly IReadOnlyList<string> All = [LogsRead, LogsWrite, ViewsDeploy, ViewsQuery, KeysManage];
}

/// <summary>Roles: the platform operator, a tenant's owner, and a tenant's member.</summary>
public static class Roles
{
    public const string Admin = "admin";
    public const string Owner = "owner";
    public const string Member = "member";
}
