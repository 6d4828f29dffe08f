using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace Primatomic.Functions.Auth;

/// <summary>One RSA signing key. <see cref="RetiredAt"/> is set when a newer key took over signing.</summary>
internal sealed class SigningKey(string keyId, RSA rsa, DateTimeOffset createdAt, DateTimeOffset? retiredAt)
{
    public string KeyId { get; } = keyId;
    public DateTimeOffset CreatedAt { get; } = createdAt;
    public DateTimeOffset? RetiredAt { get; } = retiredAt;

    /// <summary>The key with its private part, for signing; also used to validate.</summary>
    public RsaSecurityKey SecurityKey { get; } = new(rsa) { KeyId = keyId };

    /// <summary>
    /// The public half only, for validation: verifying with a key object that holds no private part is markedly
    /// cheaper, and validation never needs the private part.
    /// </summary>
    public RsaSecurityKey ValidationKey { get; } = new(rsa.ExportParameters(includePrivateParameters: false)) { KeyId = keyId };

    public RSA Rsa { get; } = rsa;

    /// <summary>
    /// A retired key still validates the tokens it signed until the last of them has expired (lifetime plus skew).
    /// </summary>
    public bool IsUsableForValidation(DateTimeOffset now, TimeSpan retention) =>
        RetiredAt is null || RetiredAt.Value + retention > now;

    public SigningKey Retire(DateTimeOffset at) => new(KeyId, Rsa, CreatedAt, RetiredAt ?? at);

    /// <summary>The public half as a JWK (RFC 7517), for the JWKS endpoint.</summary>
    public JsonWebKey ToPublicJwk()
    {
        var parameters = Rsa.ExportParameters(includePrivateParameters: false);
        return new JsonWebKey("RSA", "sig", SecurityAlgorithms.RsaSha256, KeyId,
            Base64UrlEncoder.Encode(parameters.Modulus), Base64UrlEncoder.Encode(parameters.Exponent));
    }
}
