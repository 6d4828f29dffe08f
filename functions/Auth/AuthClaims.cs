namespace Primatomic.Functions.Auth;

/// <summary>The JWT claim names we mint and read (inbound claim mapping is off, so these arrive as-is).</summary>
internal static class AuthClaims
{
    public const string Subject = "sub";
    public const string Tenant = "tenant";
    public const string Role = "role";
    public const string Scope = "scope";
    public const string KeyId = "key_id";
    public const string TokenId = "jti";
}
