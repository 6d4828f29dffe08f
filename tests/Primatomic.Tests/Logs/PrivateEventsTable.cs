using Azure.Data.Tables;
using Primatomic.Testing;

namespace Primatomic.Tests.Logs;

/// <summary>An events table of the caller's own in the shared Azurite, for tests of the store without HTTP.</summary>
internal static class PrivateEventsTable
{
    public static async Task<(TableClient Table, string ConnectionString)> CreateAsync()
    {
        var azurite = await SharedAzurite.GetAsync();
        var table = new TableServiceClient(azurite.ConnectionString).GetTableClient(SharedAzurite.UniquePrefix() + "events");
        await table.CreateIfNotExistsAsync();
        return (table, azurite.ConnectionString);
    }
}
