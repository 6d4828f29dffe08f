using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using Primatomic.Functions.Hosting;

namespace Primatomic.Functions.Auth;

/// <summary>
/// Token validation: RS256 only, our issuer and audience, lifetime with 30 s skew, keys from the signing-key store.
/// Failures are answered as problem+json with the stable codes, keeping <c>WWW-Authenticate: Bearer</c>.
/// </summary>
internal sealed class JwtBearerSetup(IOptions<AuthOptions> auth, SigningKeyStore keys, ApiKeyRevocations revocations,
    CachingTokenHandler tokenHandler) : IConfigureNamedOptions<JwtBearerOptions>
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
            IssuerSigningKeyResolver = (_, _, kid, _) => keys.ValidationKeys
                .Where(key => string.IsNullOrEmpty(kid) || key.KeyId == kid)
                .Select(key => key.ValidationKey),
        };
        options.Events = new JwtBearerEvents
        {
            OnTokenValidated = RejectRevokedApiKeysAsync,
            OnChallenge = WriteChallengeAsync,
            OnForbidden = context => ProblemResponse.WriteAsync(context.HttpContext, StatusCodes.Status403Forbidden,
                ErrorCodes.PermissionDenied, "The token does not grant this operation."),
        };
    }

    private async Task RejectRevokedApiKeysAsync(TokenValidatedContext context)
    {
        var keyId = context.Principal?.FindFirst(AuthClaims.KeyId)?.Value;
        var tenant = context.Principal?.FindFirst(AuthClaims.Tenant)?.Value;
        if (keyId is null)
        {
            return;
        }

        if (tenant is null || !await revocations.IsActiveAsync(tenant, keyId, context.HttpContext.RequestAborted))
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
