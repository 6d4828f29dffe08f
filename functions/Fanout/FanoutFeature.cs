namespace Primatomic.Functions.Fanout;

/// <summary>Fan-out wiring: how committed events reach the view replicas.</summary>
public static class FanoutFeature
{
    public static WebApplicationBuilder AddFanout(this WebApplicationBuilder builder)
    {
        builder.Services.AddHostedService<InProcessDispatcher>();
        return builder;
    }
}
