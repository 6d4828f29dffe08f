using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Primatomic.Functions.Auth;

/// <summary>
/// Validates tokens like <see cref="JsonWebTokenHandler"/> plus <see cref="TokenClaimsPolicy"/>, and remembers
/// successful validations by the exact token string, so a client that sends the same token on every request pays for
/// one RSA verification rather than one per request. Only valid tokens are cached (a forged or altered token never
/// matches an entry), an entry lives no longer than the token itself (expiry plus skew) and at most
/// <see cref="MaxEntryAge"/>, and the cache is emptied when the signing keys change (a rotation retires keys, here
/// or on another instance) or a key is revoked. Per-request checks that can change — API-key revocation — still
/// run on every request in <c>OnTokenValidated</c>.
/// </summary>
internal sealed class CachingTokenHandler(SigningKeyStore keys, IOptions<AuthOptions> options, TimeProvider time) : JsonWebTokenHandler
{
    public static readonly TimeSpan MaxEntryAge = TimeSpan.FromMinutes(5);
    private const int MaxEntries = 50_000;

    private readonly ConcurrentDictionary<string, CachedValidation> _validated = new(StringComparer.Ordinal);

    /// <summary>Forgets every cached validation.</summary>
    public void Invalidate() => _validated.Clear();

    public override async Task<TokenValidationResult> ValidateTokenAsync(string token, TokenValidationParameters validationParameters)
    {
        var now = time.GetUtcNow();
        // Read before validating: an entry made while the keys change is tagged with the older set and never hits.
        var generation = keys.Generation;
        if (_validated.TryGetValue(token, out var cached))
        {
            if (now < cached.ExpiresAt && cached.KeyGeneration == generation)
            {
                return cached.Fresh();
            }

            _validated.TryRemove(token, out _);
        }

        if (TokenClaimsPolicy.Violation(token, now, options.Value.AccessTokenLifetime) is { } violation)
        {
            return new TokenValidationResult { IsValid = false, Exception = new SecurityTokenValidationException(violation) };
        }

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

            _validated[token] = new CachedValidation(result, expiresAt, generation);
        }

        return result;
    }

    private sealed record CachedValidation(TokenValidationResult Result, DateTimeOffset ExpiresAt, long KeyGeneration)
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
