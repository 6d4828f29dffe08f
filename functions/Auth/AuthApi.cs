using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Primatomic.Functions.Contract;
using Primatomic.Functions.Hosting;

namespace Primatomic.Functions.Auth;

/// <summary>Sign-up, sign-in, token exchange, public keys and key rotation.</summary>
internal static class AuthApi
{
    public static IEndpointRouteBuilder MapAuthEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var auth = endpoints.MapGroup("/auth").WithTags("Auth").WithAuthResponses();
        auth.MapPost("/register", Register).WithName("AuthRegister").AllowAnonymous().Documented(AuthContract.Register);
        auth.MapPost("/login", Login).WithName("AuthLogin").AllowAnonymous().Documented(AuthContract.Login);
        auth.MapPost("/token", ExchangeApiKey).WithName("AuthToken").AllowAnonymous().Documented(AuthContract.Exchange);
        auth.MapPost("/signing-keys/rotate", RotateSigningKeys).WithName("AuthRotateSigningKeys").RequireScope(Scopes.KeysManage)
            .RequirePasswordSession().Documented(AuthContract.Rotate);
        endpoints.MapGet("/.well-known/jwks.json", Jwks).WithName("AuthJwks").WithTags("Auth").AllowAnonymous().Documented(AuthContract.Jwks);
        return endpoints;
    }

    private static async Task<Created<RegisterResponse>> Register(CredentialsRequest? request, AccountStore accounts,
        PasswordWork passwords, IOptions<AuthOptions> options, AuthAudit audit, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!options.Value.AllowSignup)
        {
            throw new ApiException(StatusCodes.Status403Forbidden, ErrorCodes.SignupDisabled, "Sign-up is disabled on this service.");
        }

        var (email, password) = AuthValidation.Credentials(request);
        UserAccount owner;
        try
        {
            owner = await accounts.CreateTenantAsync(email, await passwords.HashAsync(password), Roles.Owner, cancellationToken);
        }
        catch (ApiException e) when (e.Code == ErrorCodes.Conflict)
        {
            // A retry of the caller's own registration (its first answer was lost or was a 503) gets the same 201.
            var own = await RetriedRegistrationAsync(accounts, passwords, time, email, password, cancellationToken);
            if (own is null)
            {
                throw;
            }

            owner = own;
        }

        audit.TenantRegistered(owner.TenantId, owner.UserId);
        return TypedResults.Created((string?)null, new RegisterResponse(true, owner.TenantId, owner.UserId));
    }

    /// <summary>How long after a registration the same email and password register "again" as the same account.</summary>
    private static readonly TimeSpan RegistrationRetryWindow = TimeSpan.FromMinutes(15);

    /// <summary>
    /// The owner account a registration with these credentials already made, if it is recent, its password matches
    /// and its tenant exists; otherwise null (the email belongs to someone else, and the answer stays 409). It tells
    /// nothing a sign-in with the same credentials would not.
    /// </summary>
    private static async Task<UserAccount?> RetriedRegistrationAsync(AccountStore accounts, PasswordWork passwords, TimeProvider time,
        string email, string password, CancellationToken cancellationToken)
    {
        var existing = await accounts.FindByEmailAsync(email, cancellationToken);
        if (existing is null || existing.Role != Roles.Owner || existing.CreatedAt < time.GetUtcNow() - RegistrationRetryWindow)
        {
            return null;
        }

        return await passwords.VerifyAsync(password, existing.PasswordHash) && await accounts.TenantExistsAsync(existing.TenantId, cancellationToken)
            ? existing
            : null;
    }

    private static async Task<Ok<TokenResponse>> Login(CredentialsRequest? request, AccountStore accounts, PasswordWork passwords,
        TokenIssuer tokens, AuthAudit audit, CancellationToken cancellationToken)
    {
        // Only the shape is checked here: a length rule must not tell an attacker which passwords cannot exist.
        if (request?.Email is not { Length: > 0 } email || request.Password is not { Length: > 0 } password)
        {
            throw ApiException.Validation("email and password are required.");
        }

        var user = email.Length <= 254 && password.Length <= AuthValidation.MaxPasswordLength
            ? await accounts.FindByEmailAsync(SafeKey(email), cancellationToken)
            : null;
        var valid = user is null
            ? await passwords.VerifyAgainstDummyAsync(password[..Math.Min(password.Length, AuthValidation.MaxPasswordLength)])
            : await passwords.VerifyAsync(password, user.PasswordHash);
        if (!valid || user is null)
        {
            audit.LoginFailed();
            throw InvalidCredentials();
        }

        audit.LoginSucceeded(user.UserId, user.TenantId);
        return TypedResults.Ok(tokens.Issue(user.UserId, user.TenantId, user.Role, RoleScopes.For(user.Role)));
    }

    private static async Task<Ok<TokenResponse>> ExchangeApiKey(TokenRequest? request, ApiKeyStore keys, ApiKeyRevocations revocations,
        TokenIssuer tokens, AuthAudit audit, CancellationToken cancellationToken)
    {
        if (request?.ApiKey is not { Length: > 0 } apiKey)
        {
            throw ApiException.Validation("api_key is required.");
        }

        var key = apiKey.Length <= 512 ? await keys.FindAsync(apiKey, cancellationToken) : null;
        // A key created through a revoked key is revoked with it.
        if (key is null || !await revocations.IsActiveAsync(key.TenantId, key.KeyId, cancellationToken))
        {
            audit.TokenExchangeFailed();
            throw InvalidCredentials();
        }

        // The key acts as its creator's role, narrowed to the scopes it was created with.
        var scopes = RoleScopes.For(key.Role).Intersect(key.Scopes, StringComparer.Ordinal).ToList();
        audit.TokenExchanged(key.KeyId, key.TenantId);
        return TypedResults.Ok(tokens.Issue(key.CreatedBy, key.TenantId, key.Role, scopes, key.KeyId));
    }

    private static Ok<JsonWebKeySet> Jwks(SigningKeyStore keys) =>
        TypedResults.Ok(new JsonWebKeySet([.. keys.ValidationKeys.Select(key => key.ToPublicJwk())]));

    private static async Task<Ok<SigningKeyRotation>> RotateSigningKeys(HttpContext context, SigningKeyStore keys,
        AuthAudit audit, CancellationToken cancellationToken)
    {
        var caller = context.GetCaller();
        if (!caller.IsAdmin)
        {
            throw ApiException.PermissionDenied("Only the platform admin may rotate signing keys.");
        }

        var active = await keys.RotateAsync(cancellationToken);
        audit.SigningKeysRotated(caller.SubjectId, active.KeyId);
        return TypedResults.Ok(new SigningKeyRotation(true, active.KeyId));
    }

    private static ApiException InvalidCredentials() => ApiException.Unauthenticated("Invalid credentials.");

    // An email that could never have been registered (odd characters) is simply looked up as "nobody".
    private static string SafeKey(string email) =>
        email.Any(c => c is '/' or '\\' or '#' or '?' || char.IsControl(c)) ? "invalid" : email;
}
