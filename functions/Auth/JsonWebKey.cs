using System.ComponentModel;
using Primatomic.Functions.Contract;

namespace Primatomic.Functions.Auth;

/// <summary>The public half of a signing key as a JWK (RFC 7517), as the JWKS endpoint lists it.</summary>
[SchemaName("JsonWebKey")]
public sealed record JsonWebKey(
    [property: Description("Always \"RSA\".")] string Kty,
    [property: Description("Always \"sig\".")] string Use,
    [property: Description("Always \"RS256\".")] string Alg,
    [property: Description("The key's id, as in a token's `kid` header.")] string Kid,
    [property: Description("The modulus, base64url.")] string N,
    [property: Description("The public exponent, base64url.")] string E);
