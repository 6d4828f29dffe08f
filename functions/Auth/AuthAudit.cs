namespace Primatomic.Functions.Auth;

/// <summary>Structured security events. Only ids go into the log: never emails' passwords, keys, tokens or hashes.</summary>
internal sealed partial class AuthAudit(ILogger<AuthAudit> logger)
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Registered tenant {TenantId} with owner {UserId}")]
    public partial void TenantRegistered(string tenantId, string userId);

    [LoggerMessage(Level = LogLevel.Information, Message = "User {UserId} logged in to tenant {TenantId}")]
    public partial void LoginSucceeded(string userId, string tenantId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Login failed")]
    public partial void LoginFailed();

    [LoggerMessage(Level = LogLevel.Information, Message = "API key {KeyId} of tenant {TenantId} exchanged for a token")]
    public partial void TokenExchanged(string keyId, string tenantId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "API key exchange failed")]
    public partial void TokenExchangeFailed();

    [LoggerMessage(Level = LogLevel.Information, Message = "API key {KeyId} created in tenant {TenantId} by {UserId}")]
    public partial void ApiKeyCreated(string keyId, string tenantId, string userId);

    [LoggerMessage(Level = LogLevel.Information, Message = "API key {KeyId} revoked in tenant {TenantId} by {UserId}")]
    public partial void ApiKeyRevoked(string keyId, string tenantId, string userId);

    [LoggerMessage(Level = LogLevel.Information, Message = "User {NewUserId} ({Role}) added to tenant {TenantId} by {UserId}")]
    public partial void UserAdded(string newUserId, string role, string tenantId, string userId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Signing keys rotated by {UserId}; new key {KeyId}")]
    public partial void SigningKeysRotated(string userId, string keyId);
}
