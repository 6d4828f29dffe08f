using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Primatomic.Functions.Hosting;
using Primatomic.Functions.Logs.Storage;
using Primatomic.Functions.Logs.Waiting;

namespace Primatomic.Functions.Logs;

/// <summary>Logs feature wiring: log catalogue, durable appends and reads.</summary>
public static class LogsFeature
{
    public const string EventsTable = "events";

    public static WebApplicationBuilder AddLogs(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddStorageTable(LogCatalog.TableName);
        services.AddStorageTable(EventsTable);
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<LogsOptions>().BindConfiguration(LogsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<LogCatalog>();
        services.AddSingleton<CreateTurns>();
        services.AddSingleton<LogCreator>();
        services.AddSingleton<HeadWatchers>();
        services.AddSingleton<CommitSignals>();
        services.AddSingleton(sp => new EventLog(
            sp.GetRequiredService<StorageClients>().Table(EventsTable),
            sp.GetRequiredService<CommitSignals>(),
            sp.GetRequiredService<ILogger<EventLog>>(),
            keyWindow: sp.GetRequiredService<IOptions<LogsOptions>>().Value.KeyWindow));
        return builder;
    }

    public static IEndpointRouteBuilder MapLogsApi(this IEndpointRouteBuilder endpoints) => endpoints.MapLogsEndpoints();
}
