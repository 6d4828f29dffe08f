using Primatomic.Functions.Auth;

namespace Primatomic.Tests.Auth;

public sealed class PasswordHasherTests
{
    [Fact]
    public void Hash_records_pbkdf2_sha256_with_600000_iterations_16_byte_salt_and_32_byte_hash()
    {
        var parts = PasswordHasher.Hash("a password of some length").Split('$');
        Assert.Equal("pbkdf2-sha256", parts[0]);
        Assert.Equal("600000", parts[1]);
        Assert.Equal(16, Convert.FromBase64String(parts[2]).Length);
        Assert.Equal(32, Convert.FromBase64String(parts[3]).Length);
    }

    [Fact]
    public void Verify_accepts_the_password_and_rejects_others_and_salts_differ()
    {
        var first = PasswordHasher.Hash("correct horse battery");
        Assert.True(PasswordHasher.Verify("correct horse battery", first));
        Assert.False(PasswordHasher.Verify("correct horse batterY", first));
        Assert.NotEqual(first, PasswordHasher.Hash("correct horse battery"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("bcrypt$10$x$y")]
    [InlineData("pbkdf2-sha256$0$AAAA$AAAA")]
    [InlineData("pbkdf2-sha256$99999999999$AAAA$AAAA")]
    [InlineData("pbkdf2-sha256$1000$not base64$AAAA")]
    public void Verify_rejects_malformed_stored_hashes_without_throwing(string stored)
    {
        Assert.False(PasswordHasher.Verify("whatever password", stored));
    }

    [Fact]
    public void Verify_uses_the_parameters_stored_with_the_hash()
    {
        // A hash made with other parameters (as an older work factor would be) still verifies.
        var salt = new byte[16];
        var hash = System.Security.Cryptography.Rfc2898DeriveBytes.Pbkdf2("pw-0123456789"u8.ToArray(), salt, 1000,
            System.Security.Cryptography.HashAlgorithmName.SHA256, 32);
        Assert.True(PasswordHasher.Verify("pw-0123456789", $"pbkdf2-sha256$1000${Convert.ToBase64String(salt)}${Convert.ToBase64String(hash)}"));
    }
}
