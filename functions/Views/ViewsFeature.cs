using Primatomic.Functions.Hosting;

using Primatomic.Functions.Views.Catalog;
using Primatomic.Functions.Views.Compiling;
using Primatomic.Functions.Views.Following;
using Primatomic.Functions.Views.Placement;
using Primatomic.Functions.Views.Replicas;
using Primatomic.Functions.Views.Runtime;

namespace Primatomic.Functions.Views;

/// <summary>Views feature wiring: the Wasmtime engine, the catalogue, placement of views over instances, and this process's replicas.</summary>
public static class ViewsFeature
{
    public static WebApplicationBuilder AddViews(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<ViewLimits>().BindConfiguration(ViewLimits.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<PlacementOptions>().BindConfiguration(ViewLimits.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddStorageTable(ViewCatalog.TableName);
        services.AddStorageContainer(ViewBlobs.ContainerName);
        services.AddSingleton(sp => new ViewEngine(sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<ViewLimits>>().Value));
        services.AddSingleton<ViewCompiler>();
        services.AddSingleton<ViewCatalog>();
        services.AddSingleton<ViewBlobs>();
        services.AddSingleton<ViewCheckpoints>();
        services.AddSingleton<CompiledViews>();
        services.AddHostedService<CatalogMigration>();
        // One core is left to request handling and I/O, so views never take every core (at least one thread).
        services.AddSingleton(_ => new ViewThreads(Math.Max(1, Environment.ProcessorCount - 1)));
        services.AddSingleton<LogFollowers>();
        services.AddSingleton<ViewReplicas>();
        services.AddMetrics();
        services.AddHostedService<ViewGauges>();
        services.AddSingleton<ShardLeases>();
        services.AddSingleton<PlacementLoop>();
        services.AddHostedService(sp => sp.GetRequiredService<PlacementLoop>());
        services.AddSingleton<ViewHost>();
        services.AddHostedService(sp => sp.GetRequiredService<ViewHost>());
        return builder;
    }

    public static IEndpointRouteBuilder MapViewsApi(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapViewsEndpoints().MapWitEndpoints().MapPlacementEndpoint();
}
