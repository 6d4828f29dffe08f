using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Options;

namespace Primatomic.Functions.Hosting;

/// <summary>The service clients and the naming of our tables and containers under the configured prefix.</summary>
public sealed class StorageClients
{
    public StorageClients(IOptions<StorageOptions> options)
    {
        var o = options.Value;
        Prefix = o.NamePrefix;
        if (!string.IsNullOrWhiteSpace(o.ConnectionString))
        {
            Tables = new TableServiceClient(o.ConnectionString, TableOptions());
            Blobs = new BlobServiceClient(o.ConnectionString, BlobOptions());
            return;
        }

        TokenCredential credential = string.Equals(o.Credential, "managedidentity", StringComparison.OrdinalIgnoreCase)
            ? new ManagedIdentityCredential(o.ClientId is null ? ManagedIdentityId.SystemAssigned : ManagedIdentityId.FromUserAssignedClientId(o.ClientId))
            : new DefaultAzureCredential();
        Tables = new TableServiceClient(o.TableServiceUri ?? new Uri($"https://{o.AccountName}.table.core.windows.net"), credential, TableOptions());
        Blobs = new BlobServiceClient(o.BlobServiceUri ?? new Uri($"https://{o.AccountName}.blob.core.windows.net"), credential, BlobOptions());
    }

    /// <summary>
    /// A storage call that hangs must fail fast enough for the writer's own retries (which know whether an attempt
    /// landed) to finish well inside the Functions host's HTTP timeout; the SDK default is 100 s per try.
    /// </summary>
    public static readonly TimeSpan NetworkTimeout = TimeSpan.FromSeconds(10);

    private static TableClientOptions TableOptions()
    {
        var options = new TableClientOptions();
        options.Retry.NetworkTimeout = NetworkTimeout;
        options.Retry.MaxRetries = 2;
        return options;
    }

    private static BlobClientOptions BlobOptions()
    {
        var options = new BlobClientOptions();
        options.Retry.NetworkTimeout = NetworkTimeout;
        options.Retry.MaxRetries = 2;
        return options;
    }

    public string Prefix { get; }
    public TableServiceClient Tables { get; }
    public BlobServiceClient Blobs { get; }

    /// <summary>Table names allow letters and digits only.</summary>
    public TableClient Table(string name) => Tables.GetTableClient(Prefix + name);

    /// <summary>Container names allow lowercase letters, digits and hyphens.</summary>
    public BlobContainerClient Container(string name) => Blobs.GetBlobContainerClient($"{Prefix}-{name}");
}
