namespace Primatomic.Client;

/// <summary>An access token from <c>POST /auth/login</c> or <c>POST /auth/token</c>.</summary>
/// <param name="AccessToken">The bearer token (an RS256 JWT).</param>
/// <param name="TokenType">Always <c>Bearer</c>.</param>
/// <param name="ExpiresIn">Seconds until it expires.</param>
public sealed record TokenResult(string AccessToken, string TokenType, int ExpiresIn);
