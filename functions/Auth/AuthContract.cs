using Primatomic.Functions.Contract;
using Primatomic.Functions.Hosting;
using static Microsoft.AspNetCore.Http.StatusCodes;

namespace Primatomic.Functions.Auth;

/// <summary>What the published document says about each auth route (docs/api/auth.md has the same in prose).</summary>
internal static class AuthContract
{
    private const string TenantId = "9f8c2a4b1d3e4f5a8b7c6d5e4f3a2b1c";
    private const string UserId = "0d6e5f4a3b2c1d0e9f8a7b6c5d4e3f2a";
    private const string KeyId = "5b2e9c1f0a7d4e3b8c6f1a2d3e4b5c6d";
    private static readonly DateTimeOffset Created = new(2026, 11, 30, 13, 35, 0, 123, TimeSpan.Zero);

    private static readonly ProblemCase BusyHashing = new(Status503ServiceUnavailable, ErrorCodes.ServiceUnavailable,
        "Too many passwords are being hashed at once (`AUTH_MAX_CONCURRENT_HASHES`).");

    private static readonly ProblemCase BadCredentialsShape = new(Status400BadRequest, ErrorCodes.ValidationError,
        "A missing body or field, an invalid email, or a password outside 10–256 characters.");

    private static readonly ProblemCase EmailTaken = new(Status409Conflict, ErrorCodes.Conflict, "An account with this email exists.");

    private static readonly ProblemCase NoSuchKey = new(Status404NotFound, ErrorCodes.NotFound, "The tenant has no API key with this id.");

    private static readonly TokenResponse Token = new("eyJhbGciOiJSUzI1NiIsImtpZCI6IjEyMyIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIwZDZlIn0.c2lnbmF0dXJl", "Bearer", 3600);

    private static readonly ApiKeyResponse Key = new(KeyId, "ingest", ["logs:write"], Created, null);

    public static readonly RouteContract Register = new("Register a tenant",
        "Creates a tenant and its owner (turned off by `ALLOW_SIGNUP=false`). The same email and password again within 15 "
        + "minutes answer the same 201: a retry whose first answer was lost.")
    {
        RequestExample = new CredentialsRequest("ada@example.com", "correct horse battery staple"),
        ResponseExample = new RegisterResponse(true, TenantId, UserId),
        Problems = [BadCredentialsShape, new(Status403Forbidden, ErrorCodes.SignupDisabled, "Sign-up is disabled (`ALLOW_SIGNUP=false`)."), EmailTaken, BusyHashing],
    };

    public static readonly RouteContract Login = new("Sign in with a password",
        "Exchanges an email and password for an access token carrying the role's scopes.")
    {
        RequestExample = new CredentialsRequest("ada@example.com", "correct horse battery staple"),
        ResponseExample = Token,
        Problems = [
            new(Status400BadRequest, ErrorCodes.ValidationError, "A missing body, email or password."),
            new(Status401Unauthorized, ErrorCodes.Unauthenticated, "Wrong email or password (one answer for both)."),
            BusyHashing,
        ],
    };

    public static readonly RouteContract Exchange = new("Exchange an API key for a token",
        "Exchanges an API key for an access token carrying the key's scopes, narrowed to its creator's role.")
    {
        RequestExample = new TokenRequest("pk_9f8c2a4b1d3e4f5a8b7c6d5e4f3a2b1c_5b2e9c1f0a7d4e3b8c6f1a2d3e4b5c6d_c2VjcmV0"),
        ResponseExample = Token,
        Problems = [
            new(Status400BadRequest, ErrorCodes.ValidationError, "A missing body or `api_key`."),
            new(Status401Unauthorized, ErrorCodes.Unauthenticated, "An unknown, malformed or revoked key."),
        ],
    };

    public static readonly RouteContract Jwks = new("Public signing keys",
        "The keys that validate access tokens (RS256), for verifying tokens yourself; a rotated-out key stays until the tokens it signed expire.")
    {
        ResponseExample = new JsonWebKeySet([new JsonWebKey("RSA", "sig", "RS256", "2026-11-30-1", "sXchDaQebHnPiGvyDOAT4saGEUetSyo9MKLOoWFsueri", "AQAB")]),
    };

    public static readonly RouteContract Rotate = new("Rotate the signing key",
        "Makes a new key sign tokens from now on; tokens signed by the old one stay valid until they expire. Platform admin, signed in with a password.")
    {
        ResponseExample = new SigningKeyRotation(true, "2026-12-01-1"),
    };

    public static readonly RouteContract CreateKey = new("Create an API key",
        "Creates an API key with the given scopes, each of which the creating token must hold. The secret is in this answer only.")
    {
        RequestExample = new CreateApiKeyRequest("ingest", ["logs:write"]),
        ResponseExample = new CreateApiKeyResponse(KeyId, "ingest", ["logs:write"], Created, null,
            "pk_9f8c2a4b1d3e4f5a8b7c6d5e4f3a2b1c_5b2e9c1f0a7d4e3b8c6f1a2d3e4b5c6d_c2VjcmV0"),
        Problems = [
            new(Status400BadRequest, ErrorCodes.ValidationError, "A missing or invalid name, no scopes, or an unknown scope."),
            new(Status403Forbidden, ErrorCodes.PermissionDenied,
                "A scope the creating token does not hold, a member's token, or keys created through keys more than 8 deep."),
        ],
    };

    public static readonly RouteContract ListKeys = new("List API keys", "The tenant's API keys, never their secrets.")
    {
        ResponseExample = new ApiKeyListResponse([Key]),
    };

    public static readonly RouteContract GetKey = new("Describe an API key", "One API key, never its secret.")
    {
        ResponseExample = Key,
        Problems = [NoSuchKey],
    };

    public static readonly RouteContract RevokeKey = new("Revoke an API key",
        "Revokes the key and every key created through it, at once on this instance and within 10 s on others. A token "
        + "from an API key may revoke only that key and the keys created through it.")
    {
        Problems = [NoSuchKey],
    };

    public static readonly RouteContract CreateUser = new("Add a user",
        "Adds a member or owner to the tenant. Needs an owner or the admin signed in with a password.")
    {
        RequestExample = new CreateUserRequest("grace@example.com", "another long password", "member"),
        ResponseExample = new MemberResponse(UserId, "grace@example.com", "member", Created),
        Problems = [BadCredentialsShape, new(Status400BadRequest, ErrorCodes.ValidationError, "A role other than \"member\" or \"owner\"."), EmailTaken, BusyHashing],
    };

    public static readonly RouteContract ListUsers = new("List users", "The tenant's users. Needs an owner or the admin signed in with a password.")
    {
        ResponseExample = new MemberListResponse([new MemberResponse(UserId, "ada@example.com", "owner", Created)]),
    };
}
