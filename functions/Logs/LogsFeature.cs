namespace Primatomic.Functions.Logs;

/// <summary>Logs feature wiring: log catalogue, durable appends and reads.</summary>
public static class LogsFeature
{
    public static WebApplicationBuilder AddLogs(this WebApplicationBuilder builder) => builder;

    public static IEndpointRouteBuilder MapLogsApi(this IEndpointRouteBuilder endpoints) => endpoints;
}
