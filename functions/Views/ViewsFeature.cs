using Primatomic.Functions.Hosting;

using Primatomic.Functions.Views.Compiling;
using Primatomic.Functions.Views.Replicas;
using Primatomic.Functions.Views.Runtime;

namespace Primatomic.Functions.Views;

/// <summary>Views feature wiring: the Wasmtime engine, deployed views, and this process's replicas.</summary>
public static class ViewsFeature
{
    public static WebApplicationBuilder AddViews(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<ViewLimits>().BindConfiguration(ViewLimits.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddStorageTable(ViewCatalog.TableName);
        services.AddStorageContainer(ViewBlobs.ContainerName);
        services.AddSingleton(sp => new ViewEngine(sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<ViewLimits>>().Value));
        services.AddSingleton<ViewCompiler>();
        services.AddSingleton<ViewCatalog>();
        services.AddSingleton<ViewBlobs>();
        services.AddSingleton<ViewCheckpoints>();
        services.AddSingleton<ViewLeases>();
        // One core is left to request handling and I/O, so views never take every core (at least one thread).
        services.AddSingleton(_ => new ViewThreads(Math.Max(1, Environment.ProcessorCount - 1)));
        services.AddSingleton<ViewReplicas>();
        services.AddSingleton<ViewSupervisor>();
        services.AddHostedService(sp => sp.GetRequiredService<ViewSupervisor>());
        return builder;
    }

    public static IEndpointRouteBuilder MapViewsApi(this IEndpointRouteBuilder endpoints) => endpoints.MapViewsEndpoints().MapWitEndpoints();
}
