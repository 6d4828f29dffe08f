namespace Primatomic.Client;

/// <summary>The scopes an API key can hold.</summary>
public static class Scopes
{
    /// <summary>Read logs and events.</summary>
    public const string LogsRead = "logs:read";
    /// <summary>Create logs and append.</summary>
    public const string LogsWrite = "logs:write";
    /// <summary>Deploy and delete views.</summary>
    public const string ViewsDeploy = "views:deploy";
    /// <summary>List, inspect and query views.</summary>
    public const string ViewsQuery = "views:query";
    /// <summary>Manage API keys (and, with a password session, users).</summary>
    public const string KeysManage = "keys:manage";

    /// <summary>Everything an application needs: every scope but <see cref="KeysManage"/>.</summary>
    public static IReadOnlyList<string> Application { get; } = [LogsRead, LogsWrite, ViewsDeploy, ViewsQuery];
}
