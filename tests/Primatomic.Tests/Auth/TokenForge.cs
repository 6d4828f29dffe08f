using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Primatomic.Functions.Auth;
using Primatomic.Tests.Infrastructure;

namespace Primatomic.Tests.Auth;

/// <summary>Builds tokens the way an attacker (or a clock) would, to prove the service rejects them.</summary>
internal static class TokenForge
{
    public const string Issuer = "primatomic";
    public const string Audience = "primatomic-api";

    /// <summary>The service's real active signing key, straight from DI.</summary>
    public static RsaSecurityKey ActiveKey(ApiFactory api) => api.Services.GetRequiredService<SigningKeyStore>().Active.SecurityKey;

    /// <summary>An RS256 token signed with <paramref name="key"/>; every part can be bent by the caller.</summary>
    public static string Mint(SecurityKey key, string tenantId, string subject, string role = Roles.Owner,
        string? issuer = Issuer, string? audience = Audience, DateTime? expires = null, string? scope = null)
    {
        var expiry = expires ?? DateTime.UtcNow.AddMinutes(10);
        var handler = new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false };
        return handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            IssuedAt = expiry.AddMinutes(-20),
            NotBefore = expiry.AddMinutes(-20),
            Expires = expiry,
            Claims = new Dictionary<string, object>
            {
                ["sub"] = subject,
                ["tenant"] = tenantId,
                ["role"] = role,
                ["scope"] = scope ?? string.Join(' ', Scopes.All),
                ["jti"] = Guid.NewGuid().ToString("N"),
            },
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.RsaSha256),
        });
    }

    /// <summary>A token with a hand-written header and an arbitrary signature segment.</summary>
    public static string Raw(object header, object payload, Func<string, string> sign)
    {
        var signingInput = $"{Encode(header)}.{Encode(payload)}";
        return $"{signingInput}.{sign(signingInput)}";
    }

    /// <summary>The claims a legitimate token of <paramref name="tenantId"/> would carry, valid for ten minutes.</summary>
    public static Dictionary<string, object> ValidPayload(string tenantId, string subject, string role = Roles.Owner)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        return new Dictionary<string, object>
        {
            ["iss"] = Issuer, ["aud"] = Audience, ["sub"] = subject, ["tenant"] = tenantId, ["role"] = role,
            ["scope"] = string.Join(' ', Scopes.All), ["iat"] = now, ["nbf"] = now, ["exp"] = now + 600,
            ["jti"] = Guid.NewGuid().ToString("N"),
        };
    }

    public static string HmacSha256(byte[] secret, string signingInput) =>
        Base64UrlEncoder.Encode(HMACSHA256.HashData(secret, Encoding.ASCII.GetBytes(signingInput)));

    public static JsonElement Header(string token) => Decode(token.Split('.')[0]);

    public static JsonElement Payload(string token) => Decode(token.Split('.')[1]);

    public static string Encode(object value) => Base64UrlEncoder.Encode(JsonSerializer.SerializeToUtf8Bytes(value));

    private static JsonElement Decode(string segment)
    {
        using var document = JsonDocument.Parse(Base64UrlEncoder.DecodeBytes(segment));
        return document.RootElement.Clone();
    }
}
