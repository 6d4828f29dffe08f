namespace Primatomic.Functions.Auth;

/// <summary>
/// The JSON blob holding every signing key. It contains private keys: access to the "system" container must be as
/// tightly held as the storage account itself (managed identity only in Azure).
/// </summary>
internal sealed class SigningKeyDocument
{
    public List<StoredSigningKey> Keys { get; set; } = [];
}

internal sealed class StoredSigningKey
{
    public string Kid { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? RetiredAt { get; set; }

    /// <summary>PKCS#8 private key, base64.</summary>
    public string PrivateKey { get; set; } = "";
}
