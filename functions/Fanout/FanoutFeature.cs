using Primatomic.Functions.Fanout.EventHubs;
using Primatomic.Functions.Fanout.Invocations;
using Primatomic.Functions.Hosting;

namespace Primatomic.Functions.Fanout;

/// <summary>
/// Fan-out wiring: how committed events reach the view replicas. The in-process dispatcher always runs (it is free,
/// and makes read-after-write on the same instance instant); when an Event Hubs namespace or connection string is
/// configured, every commit is also published to Event Hubs, and the ViewProcessor function feeds the replicas of
/// whichever instance receives it. The ViewSweeper timer function is the safety net either way.
/// </summary>
public static class FanoutFeature
{
    public const string EventHubNameExpression = "%" + EventHubsOptions.HubNameSetting + "%";
    public const string ConsumerGroupExpression = "%EVENT_HUB_CONSUMER_GROUP%";
    public const string SweepSchedule = "0 */1 * * * *";

    public static WebApplicationBuilder AddFanout(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddMetrics();
        services.AddSingleton<FanoutMetrics>();
        services.AddHostedService<InProcessDispatcher>();

        if (EventHubsOptions.FromConfiguration(builder.Configuration) is { } eventHubs)
        {
            services.AddSingleton(eventHubs);
            services.AddSingleton<EventHubsAuthorization>();
            // The publisher is a singleton holding its client for the process's life: let connections, not the
            // handler, rotate so DNS changes of the namespace are picked up.
            services.AddHttpClient<EventHubsClient>(http => http.Timeout = TimeSpan.FromSeconds(30))
                .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) })
                .SetHandlerLifetime(Timeout.InfiniteTimeSpan);
            services.AddHostedService<EventHubsPublisher>();
        }

        return builder;
    }

    /// <summary>The host's invocation routes of the two non-HTTP functions; not reachable from outside (see <see cref="HostInvocation"/>).</summary>
    public static IEndpointRouteBuilder MapFanoutApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/" + ViewProcessorFunction.Name, ViewProcessorFunction.InvokeAsync)
            .WithName(ViewProcessorFunction.Name)
            .WithMetadata(FunctionTrigger.EventHub(EventHubInvocation.BindingName, EventHubsOptions.ConnectionName, EventHubNameExpression, ConsumerGroupExpression))
            .DisableRateLimiting()
            .ExcludeFromDescription();
        endpoints.MapPost("/" + ViewSweeperFunction.Name, ViewSweeperFunction.InvokeAsync)
            .WithName(ViewSweeperFunction.Name)
            .WithMetadata(FunctionTrigger.Timer("timer", SweepSchedule))
            .DisableRateLimiting()
            .ExcludeFromDescription();
        return endpoints;
    }
}
