using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Primatomic.Functions.Hosting;

namespace Primatomic.Functions.Auth;

/// <summary>
/// Token validation: RS256 only, our issuer and audience, lifetime with 30 s skew, keys from the signing-key store
/// (a retired key only for tokens issued before it retired), plus <see cref="TokenClaimsPolicy"/>.
/// Failures are answered as problem+json with the stable codes, keeping <c>WWW-Authenticate: Bearer</c>. Storage
/// trouble in the pipeline (the unknown-kid key refresh, the API-key revocation check) is thrown as 503, which the
/// bearer handler passes on to the exception handler instead of calling it an invalid token.
/// </summary>
internal sealed class JwtBearerSetup(IOptions<AuthOptions> auth, SigningKeyStore keys, UnknownKidReload unknownKid,
    ApiKeyRevocations revocations, CachingTokenHandler tokenHandler) : IConfigureNamedOptions<JwtBearerOptions>
{

    public void Configure(string? name, JwtBearerOptions options)
    {
        if (name == JwtBearerDefaults.AuthenticationScheme)
        {
            Configure(options);
        }
    }

    public void Configure(JwtBearerOptions options)
    {
        var o = auth.Value;
        options.MapInboundClaims = false;
        options.RequireHttpsMetadata = false;
        options.TokenHandlers.Clear();
        options.TokenHandlers.Add(tokenHandler);
        options.TokenValidationParameters = new TokenValidationParameters
        {
            ValidIssuer = o.Issuer,
            ValidAudience = o.Audience,
            ValidateIssuer = true,
            ValidateAudience = true,
            ValidateLifetime = true,
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            ValidateIssuerSigningKey = true,
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
            ValidTypes = ["JWT"],
            ClockSkew = AuthOptions.ClockSkew,
            NameClaimType = AuthClaims.Subject,
            RoleClaimType = AuthClaims.Role,
            IssuerSigningKeyResolver = (_, token, kid, _) => keys.ValidationKeys
                .Where(key => (string.IsNullOrEmpty(kid) || key.KeyId == kid) && SignedBeforeRetirement(key, token))
                .Select(key => key.ValidationKey),
        };
        options.Events = new JwtBearerEvents
        {
            OnMessageReceived = RefreshKeysIfKidUnknownAsync,
            OnTokenValidated = RejectRevokedApiKeysAsync,
            OnChallenge = WriteChallengeAsync,
            OnForbidden = context => ProblemResponse.WriteAsync(context.HttpContext, StatusCodes.Status403Forbidden,
                ErrorCodes.PermissionDenied, "The token does not grant this operation."),
        };
    }

    /// <summary>
    /// A retired key validates only tokens issued (iat) before it retired, plus the clock skew: a stolen retired key
    /// cannot mint new tokens. (TokenClaimsPolicy has already required a numeric iat.)
    /// </summary>
    private static bool SignedBeforeRetirement(SigningKey key, SecurityToken token) =>
        key.RetiredAt is not { } retired
        || token is JsonWebToken { IssuedAt: var issued } && issued != DateTime.MinValue
            && new DateTimeOffset(DateTime.SpecifyKind(issued, DateTimeKind.Utc)) <= retired + AuthOptions.ClockSkew;

    /// <summary>A token naming a key we do not know may come from a rotation on another instance: reload first.</summary>
    private async Task RefreshKeysIfKidUnknownAsync(MessageReceivedContext context)
    {
        var authorization = context.Request.Headers.Authorization.ToString();
        if (!authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        var token = authorization["Bearer ".Length..].Trim();
        string? kid;
        try
        {
            kid = tokenHandler.CanReadToken(token) ? tokenHandler.ReadJsonWebToken(token).Kid : null;
        }
        catch (Exception e) when (e is ArgumentException or SecurityTokenException)
        {
            return; // Malformed: validation rejects it next.
        }

        if (kid is { Length: > 0 } && !keys.Knows(kid))
        {
            await unknownKid.ReloadAsync(context.HttpContext.RequestAborted);
        }
    }

    private async Task RejectRevokedApiKeysAsync(TokenValidatedContext context)
    {
        var keyId = context.Principal?.FindFirst(AuthClaims.KeyId)?.Value;
        var tenant = context.Principal?.FindFirst(AuthClaims.Tenant)?.Value;
        if (keyId is null)
        {
            return;
        }

        if (tenant is null || !await AuthStorageFaults.BoundedAsync(
                token => revocations.IsActiveAsync(tenant, keyId, token), context.HttpContext.RequestAborted))
        {
            context.Fail("The API key behind this token was revoked.");
        }
    }

    private static async Task WriteChallengeAsync(JwtBearerChallengeContext context)
    {
        context.HandleResponse();
        var header = context.AuthenticateFailure is null ? "Bearer" : "Bearer error=\"invalid_token\"";
        context.Response.Headers.WWWAuthenticate = header;
        var detail = context.AuthenticateFailure is null
            ? "A bearer token is required."
            : "The bearer token is invalid or expired.";
        await ProblemResponse.WriteAsync(context.HttpContext, StatusCodes.Status401Unauthorized, ErrorCodes.Unauthenticated, detail);
    }
}
