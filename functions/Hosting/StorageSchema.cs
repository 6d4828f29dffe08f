namespace Primatomic.Functions.Hosting;

/// <summary>A table or container a feature needs; created at start-up so no request path has to.</summary>
public sealed record StorageResource(string Name, bool IsTable);

public static class StorageSchemaExtensions
{
    public static IServiceCollection AddStorageTable(this IServiceCollection services, string name) =>
        services.AddSingleton(new StorageResource(name, IsTable: true));

    public static IServiceCollection AddStorageContainer(this IServiceCollection services, string name) =>
        services.AddSingleton(new StorageResource(name, IsTable: false));
}

/// <summary>Creates every registered table and container before the server accepts requests.</summary>
internal sealed partial class StorageInitializer(StorageClients storage, IEnumerable<StorageResource> resources,
    ILogger<StorageInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await Task.WhenAll(resources.Distinct().Select(resource => resource.IsTable
            ? storage.Table(resource.Name).CreateIfNotExistsAsync(cancellationToken)
            : (Task)storage.Container(resource.Name).CreateIfNotExistsAsync(cancellationToken: cancellationToken)));
        LogReady(logger, storage.Prefix);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Storage ready under prefix {Prefix}")]
    private static partial void LogReady(ILogger logger, string prefix);
}
