namespace Primatomic.Functions.Auth;

// Request bodies. Fields are nullable so a missing field becomes our VALIDATION_ERROR, not a binding failure.

public sealed record CredentialsRequest(string? Email, string? Password);

public sealed record TokenRequest(string? ApiKey);

public sealed record CreateApiKeyRequest(string? Name, IReadOnlyList<string?>? Scopes);

public sealed record CreateUserRequest(string? Email, string? Password, string? Role);

public sealed record RegisterResponse(bool Success, string TenantId, string UserId);

public sealed record CreateApiKeyResponse(string KeyId, string Name, IReadOnlyList<string> Scopes, DateTimeOffset CreatedAt, string? ParentKeyId,
    string ApiKey);

public sealed record ApiKeyListResponse(IReadOnlyList<ApiKeyResponse> Keys);

public sealed record MemberListResponse(IReadOnlyList<MemberResponse> Users);
