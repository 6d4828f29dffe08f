using System.ComponentModel.DataAnnotations;

namespace Primatomic.Functions.Hosting;

/// <summary>
/// Where our tables and blobs live. The names are the Functions host's own (<c>AzureWebJobsStorage</c> as a connection
/// string, or <c>AzureWebJobsStorage__accountName</c> / <c>__tableServiceUri</c> / <c>__blobServiceUri</c> with
/// <c>__credential=managedidentity</c> and <c>__clientId</c>), so one setting configures both the host and the app.
/// </summary>
public sealed class StorageOptions : IValidatableObject
{
    public string? ConnectionString { get; set; }
    public string? AccountName { get; set; }
    public Uri? TableServiceUri { get; set; }
    public Uri? BlobServiceUri { get; set; }
    public string? Credential { get; set; }
    public string? ClientId { get; set; }

    /// <summary>Prefix of every table and container name; tests give each run its own so they never collide.</summary>
    [Setting("STORAGE_NAME_PREFIX")]
    [RegularExpression("^[a-z][a-z0-9]{1,29}$", ErrorMessage = "STORAGE_NAME_PREFIX must be 2-30 lowercase letters or digits, starting with a letter.")]
    public string NamePrefix { get; set; } = "primatomic";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var identityBased = AccountName is not null || (TableServiceUri is not null && BlobServiceUri is not null);
        if (string.IsNullOrWhiteSpace(ConnectionString) && !identityBased)
        {
            yield return new ValidationResult(
                "Storage is not configured: set AzureWebJobsStorage to a connection string (UseDevelopmentStorage=true for Azurite), " +
                "or AzureWebJobsStorage__accountName (or __tableServiceUri and __blobServiceUri) for managed identity.");
        }
    }

    public static StorageOptions FromConfiguration(IConfiguration configuration)
    {
        var section = configuration.GetSection("AzureWebJobsStorage");
        return new StorageOptions
        {
            ConnectionString = section.Value,
            AccountName = section["accountName"],
            TableServiceUri = ParseUri(section["tableServiceUri"]),
            BlobServiceUri = ParseUri(section["blobServiceUri"]),
            Credential = section["credential"],
            ClientId = section["clientId"],
            NamePrefix = configuration["STORAGE_NAME_PREFIX"] is { Length: > 0 } prefix ? prefix : "primatomic",
        };
    }

    private static Uri? ParseUri(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) ? uri : null;
}
