using System.ComponentModel;
using Primatomic.Functions.Contract;

namespace Primatomic.Functions.Auth;

// Request bodies. Fields are nullable so a missing field becomes our VALIDATION_ERROR, not a binding failure.
// The answers of register, key creation and listing follow; names and meanings are those of the published document.

[SchemaName("Credentials")]
public sealed record CredentialsRequest(
    [property: Description("The account's email (case-insensitive).")] string? Email,
    [property: Description("The password: 10–256 characters when registering.")] string? Password);

[SchemaName("ApiKeyExchange")]
public sealed record TokenRequest([property: Description("An API key, as POST /auth/keys answered it.")] string? ApiKey);

[SchemaName("NewApiKey")]
public sealed record CreateApiKeyRequest(
    [property: Description("A name for people: 1–100 printable characters.")] string? Name,
    [property: Description("The key's scopes, each held by the creating token: logs:read, logs:write, views:deploy, views:query, keys:manage.")]
    IReadOnlyList<string?>? Scopes);

[SchemaName("NewUser")]
public sealed record CreateUserRequest(
    [property: Description("The new user's email.")] string? Email,
    [property: Description("The new user's password: 10–256 characters.")] string? Password,
    [property: Description("\"member\" (the default) or \"owner\".")] string? Role);

[SchemaName("Registration")]
public sealed record RegisterResponse(
    [property: Description("Always true.")] bool Success,
    [property: Description("The new tenant's id (32 hex digits).")] string TenantId,
    [property: Description("The owner's user id.")] string UserId);

[SchemaName("CreatedApiKey")]
public sealed record CreateApiKeyResponse(
    [property: Description("The key's id.")] string KeyId,
    [property: Description("The key's name.")] string Name,
    [property: Description("The key's scopes.")] IReadOnlyList<string> Scopes,
    [property: Description("When the key was created (ISO 8601, UTC, milliseconds).")] DateTimeOffset CreatedAt,
    [property: Description("The key whose token created this one; null when a person did.")] string? ParentKeyId,
    [property: Description("The secret: shown only in this answer; exchange it at POST /auth/token.")] string ApiKey);

[SchemaName("ApiKeyList")]
public sealed record ApiKeyListResponse([property: Description("The tenant's keys, without their secrets.")] IReadOnlyList<ApiKeyResponse> Keys);

[SchemaName("UserList")]
public sealed record MemberListResponse([property: Description("The tenant's users.")] IReadOnlyList<MemberResponse> Users);

[SchemaName("JsonWebKeySet")]
public sealed record JsonWebKeySet([property: Description("The public keys that validate access tokens (RFC 7517).")] IReadOnlyList<JsonWebKey> Keys);

[SchemaName("SigningKeyRotation")]
public sealed record SigningKeyRotation(
    [property: Description("Always true.")] bool Success,
    [property: Description("The new active signing key's id.")] string Kid);
