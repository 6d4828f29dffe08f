using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Options;

namespace Primatomic.Functions.Hosting;

/// <summary>The service clients and the naming of our tables and containers under the configured prefix.</summary>
public sealed class StorageClients
{
    public StorageClients(IOptions<StorageOptions> options, IOptions<RequestTimeoutOptions> timeouts)
    {
        var o = options.Value;
        var tableTimeout = TableNetworkTimeout(timeouts.Value.Timeout);
        Prefix = o.NamePrefix;
        if (!string.IsNullOrWhiteSpace(o.ConnectionString))
        {
            Tables = new TableServiceClient(o.ConnectionString, TableOptions(tableTimeout));
            Blobs = new BlobServiceClient(o.ConnectionString, BlobOptions());
            return;
        }

        TokenCredential credential = string.Equals(o.Credential, "managedidentity", StringComparison.OrdinalIgnoreCase)
            ? new ManagedIdentityCredential(o.ClientId is null ? ManagedIdentityId.SystemAssigned : ManagedIdentityId.FromUserAssignedClientId(o.ClientId))
            : new DefaultAzureCredential();
        Tables = new TableServiceClient(o.TableServiceUri ?? new Uri($"https://{o.AccountName}.table.core.windows.net"), credential, TableOptions(tableTimeout));
        Blobs = new BlobServiceClient(o.BlobServiceUri ?? new Uri($"https://{o.AccountName}.blob.core.windows.net"), credential, BlobOptions());
    }

    /// <summary>
    /// Blob transfers (components, snapshots) can be large, so a blob try may take this long; the SDK default is 100 s.
    /// Requests still end at their deadline, since every request-path call takes the request's token.
    /// </summary>
    public static readonly TimeSpan BlobNetworkTimeout = TimeSpan.FromSeconds(10);

    /// <summary>
    /// A table call (a few KiB) that hangs must fail, with its retries, inside one request's budget
    /// (REQUEST_TIMEOUT_SECS): a quarter of it per try, so the writer's own retries (which know whether an attempt
    /// landed) and calls that cannot take a request's token still end in time.
    /// </summary>
    public static TimeSpan TableNetworkTimeout(TimeSpan requestTimeout) =>
        TimeSpan.FromMilliseconds(Math.Max(1000, requestTimeout.TotalMilliseconds / 4));

    private static TableClientOptions TableOptions(TimeSpan networkTimeout)
    {
        var options = new TableClientOptions();
        options.Retry.NetworkTimeout = networkTimeout;
        options.Retry.MaxRetries = 2;
        options.Retry.Delay = TimeSpan.FromMilliseconds(200);
        options.Retry.MaxDelay = TimeSpan.FromSeconds(1);
        return options;
    }

    private static BlobClientOptions BlobOptions()
    {
        var options = new BlobClientOptions();
        options.Retry.NetworkTimeout = BlobNetworkTimeout;
        options.Retry.MaxRetries = 2;
        options.Retry.Delay = TimeSpan.FromMilliseconds(200);
        options.Retry.MaxDelay = TimeSpan.FromSeconds(1);
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
