using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Primatomic.Functions.Auth;

/// <summary>
/// PBKDF2-HMAC-SHA256 at OWASP's 2023 strength. The stored string names its algorithm and parameters
/// (<c>pbkdf2-sha256$600000$salt$hash</c>), so the work factor can be raised later without breaking old hashes.
/// </summary>
internal static class PasswordHasher
{
    private const string Algorithm = "pbkdf2-sha256";
    private const int Iterations = 600_000;
    private const int SaltBytes = 16;
    private const int HashBytes = 32;

    // Bounds for parameters read back from storage, so a corrupted record cannot make us spin or allocate wildly.
    private const int MaxIterations = 10_000_000;
    private const int MaxHashBytes = 64;

    // Verified against when an email is unknown, so an unknown email costs the same time as a wrong password.
    // Random salt and hash bytes with the current parameters: no password matches it, and nothing is computed at start.
    private const string DummyHash = "pbkdf2-sha256$600000$vdGktX7CP2s4EqOSxQzmDQ==$B2oFsW7odaLWDoyk2Hc/r8LFms4aZY8xHVMhuKtpSd0=";

    public static string Hash(string password)
    {
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var hash = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, Iterations, HashAlgorithmName.SHA256, HashBytes);
        return string.Join('$', Algorithm, Iterations.ToString(CultureInfo.InvariantCulture),
            Convert.ToBase64String(salt), Convert.ToBase64String(hash));
    }

    public static bool Verify(string password, string stored)
    {
        var parts = stored.Split('$');
        if (parts.Length != 4 || parts[0] != Algorithm
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var iterations)
            || iterations is < 1 or > MaxIterations)
        {
            return false;
        }

        byte[] salt, expected;
        try
        {
            salt = Convert.FromBase64String(parts[2]);
            expected = Convert.FromBase64String(parts[3]);
        }
        catch (FormatException)
        {
            return false;
        }

        if (expected.Length is 0 or > MaxHashBytes)
        {
            return false;
        }

        var actual = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA256, expected.Length);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }

    /// <summary>Burns the same time as a real verification and always fails.</summary>
    public static bool VerifyAgainstDummy(string password)
    {
        Verify(password, DummyHash);
        return false;
    }
}
