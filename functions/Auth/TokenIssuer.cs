using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Primatomic.Functions.Auth;

/// <summary>The answer of login and token exchange.</summary>
public sealed record TokenResponse(string AccessToken, string TokenType, int ExpiresIn);

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
