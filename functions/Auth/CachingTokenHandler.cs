using System.Collections.Concurrent;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Primatomic.Functions.Auth;

/// <summary>
/// Validates tokens like <see cref="JsonWebTokenHandler"/>, but remembers successful validations by the exact token
/// string, so a client that sends the same token on every request pays for one RSA verification rather than one per
/// request. Only valid tokens are cached (a forged or altered token never matches an entry), an entry lives no
/// longer than the token itself (expiry plus skew) and at most <see cref="MaxEntryAge"/>, and per-request checks
/// that can change — API-key revocation — still run on every request in <c>OnTokenValidated</c>.
/// A token naming a key id we do not know triggers a (throttled) reload of the signing keys first, since it may have
/// been signed after a rotation on another instance.
/// </summary>
internal sealed class CachingTokenHandler(SigningKeyStore keys, TimeProvider time) : JsonWebTokenHandler
{
    public static readonly TimeSpan MaxEntryAge = TimeSpan.FromMinutes(5);
    private const int MaxEntries = 50_000;

    private readonly ConcurrentDictionary<string, CachedValidation> _validated = new(StringComparer.Ordinal);

    public override async Task<TokenValidationResult> ValidateTokenAsync(string token, TokenValidationParameters validationParameters)
    {
        var now = time.GetUtcNow();
        if (_validated.TryGetValue(token, out var cached))
        {
            if (now < cached.ExpiresAt)
            {
                return cached.Fresh();
            }

            _validated.TryRemove(token, out _);
        }

        await RefreshKeysIfKidUnknownAsync(token);
        var result = await base.ValidateTokenAsync(token, validationParameters);
        if (result.IsValid && result.SecurityToken is JsonWebToken jwt && result.ClaimsIdentity is not null)
        {
            var tokenEnd = new DateTimeOffset(DateTime.SpecifyKind(jwt.ValidTo, DateTimeKind.Utc)) + validationParameters.ClockSkew;
            var expiresAt = tokenEnd < now + MaxEntryAge ? tokenEnd : now + MaxEntryAge;
            if (_validated.Count >= MaxEntries)
            {
                // Bounded memory beats a perfect hit rate; refilling costs one verification per active token.
                _validated.Clear();
            }

            _validated[token] = new CachedValidation(result, expiresAt);
        }

        return result;
    }

    private async Task RefreshKeysIfKidUnknownAsync(string token)
    {
        if (!CanReadToken(token))
        {
            return;
        }

        string kid;
        try
        {
            kid = ReadJsonWebToken(token).Kid;
        }
        catch (Exception e) when (e is ArgumentException or SecurityTokenException)
        {
            return; // Malformed: validation rejects it next.
        }

        if (kid is { Length: > 0 } && !keys.Knows(kid))
        {
            await keys.RefreshForUnknownKidAsync(CancellationToken.None);
        }
    }

    private sealed record CachedValidation(TokenValidationResult Result, DateTimeOffset ExpiresAt)
    {
        /// <summary>A result whose identity the caller may keep or change without touching the cached one.</summary>
        public TokenValidationResult Fresh() => new()
        {
            IsValid = true,
            ClaimsIdentity = Result.ClaimsIdentity.Clone(),
            SecurityToken = Result.SecurityToken,
            Issuer = Result.Issuer,
            TokenType = Result.TokenType,
        };
    }
}
