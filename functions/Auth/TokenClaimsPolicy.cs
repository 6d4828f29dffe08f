using System.Text.Json;
using Microsoft.IdentityModel.Tokens;

namespace Primatomic.Functions.Auth;

/// <summary>
/// The RFC 8725 checks the JWT library leaves to us, made on the token's raw JSON before its signature is even
/// verified: no <c>crit</c> header (we understand no extension, so any listed one must fail); <c>exp</c>, <c>iat</c>
/// and <c>nbf</c> are JSON numbers (a string is not "a time we failed to parse", it is a malformed token);
/// <c>iat</c> is required and not in the future; and the token's lifetime is no longer than we ever issue.
/// </summary>
internal static class TokenClaimsPolicy
{
    /// <summary>Why the token must be rejected, or null when these checks pass.</summary>
    public static string? Violation(string token, DateTimeOffset now, TimeSpan maxLifetime)
    {
        var parts = token.Split('.');
        if (parts.Length != 3)
        {
            return "not a signed JWT";
        }

        try
        {
            using var header = JsonDocument.Parse(Base64UrlEncoder.DecodeBytes(parts[0]));
            using var payload = JsonDocument.Parse(Base64UrlEncoder.DecodeBytes(parts[1]));
            if (header.RootElement.ValueKind != JsonValueKind.Object || payload.RootElement.ValueKind != JsonValueKind.Object)
            {
                return "header and payload must be JSON objects";
            }

            if (header.RootElement.TryGetProperty("crit", out _))
            {
                return "crit names extensions this service does not understand";
            }

            return TimeViolation(payload.RootElement, now, maxLifetime);
        }
        catch (Exception e) when (e is JsonException or FormatException or ArgumentException)
        {
            return "not valid base64url JSON";
        }
    }

    private static string? TimeViolation(JsonElement payload, DateTimeOffset now, TimeSpan maxLifetime)
    {
        if (!TryNumericDate(payload, "exp", out var exp) || !TryNumericDate(payload, "iat", out var iat))
        {
            return "exp and iat are required and must be numbers";
        }

        if (payload.TryGetProperty("nbf", out _) && !TryNumericDate(payload, "nbf", out _))
        {
            return "nbf must be a number";
        }

        var skew = AuthOptions.ClockSkew.TotalSeconds;
        var nowSeconds = now.ToUnixTimeSeconds();
        if (iat > nowSeconds + skew)
        {
            return "iat is in the future";
        }

        return exp - iat > maxLifetime.TotalSeconds + skew ? "the token lives longer than this service issues tokens for" : null;
    }

    private static bool TryNumericDate(JsonElement payload, string name, out double seconds)
    {
        seconds = 0;
        return payload.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number
            && value.TryGetDouble(out seconds) && double.IsFinite(seconds);
    }
}
