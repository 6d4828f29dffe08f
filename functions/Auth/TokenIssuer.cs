using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Primatomic.Functions.Auth;

/// <summary>The answer of login and token exchange.</summary>
[Contract.SchemaName("Token")]
public sealed record TokenResponse(
    [property: System.ComponentModel.Description("An RS256 JWT: send it as `Authorization: Bearer <access_token>`.")] string AccessToken,
    [property: System.ComponentModel.Description("Always \"Bearer\".")] string TokenType,
    [property: System.ComponentModel.Description("Seconds until the token expires (ACCESS_TOKEN_LIFETIME_SECS).")] int ExpiresIn);

/// <summary>Mints RS256 access tokens with the active signing key.</summary>
internal sealed class TokenIssuer(SigningKeyStore keys, IOptions<AuthOptions> options, TimeProvider time)
{
    private static readonly JsonWebTokenHandler Handler = new() { SetDefaultTimesOnTokenCreation = false };

    public TokenResponse Issue(string subject, string tenantId, string role, IEnumerable<string> scopes, string? apiKeyId = null)
    {
        var o = options.Value;
        var now = time.GetUtcNow().UtcDateTime;
        var claims = new Dictionary<string, object>
        {
            [AuthClaims.Subject] = subject,
            [AuthClaims.Tenant] = tenantId,
            [AuthClaims.Role] = role,
            [AuthClaims.Scope] = string.Join(' ', scopes),
            [AuthClaims.TokenId] = Guid.NewGuid().ToString("N"),
        };
        if (apiKeyId is not null)
        {
            claims[AuthClaims.KeyId] = apiKeyId;
        }

        var token = Handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = o.Issuer,
            Audience = o.Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + o.AccessTokenLifetime,
            Claims = claims,
            SigningCredentials = new SigningCredentials(keys.Active.SecurityKey, SecurityAlgorithms.RsaSha256),
        });
        return new TokenResponse(token, "Bearer", o.AccessTokenLifetimeSeconds);
    }
}
