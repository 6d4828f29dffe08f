using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Primatomic.Testing;

namespace Primatomic.Tests.Clients.TypeScript;

/// <summary>
/// A loopback endpoint the node tests call to make something happen on this side at the moment they choose: restart
/// the service (answered once it is ready again) or arm the dropping proxy. Node waits on the answer, so the test
/// needs no sleeps and no output parsing.
/// </summary>
internal sealed class ClientControlEndpoint : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ClientControlEndpoint(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public static async Task<ClientControlEndpoint> StartAsync(ServiceProcess service, ResponseDroppingProxy proxy)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var restarts = new SemaphoreSlim(1, 1);
        app.MapPost("/restart-service", async () =>
        {
            await restarts.WaitAsync();
            try
            {
                await service.RestartAsync();
            }
            finally
            {
                restarts.Release();
            }

            return Results.Json(new { restarted = true });
        });
        app.MapPost("/drop-next", (string method, string suffix) =>
        {
            proxy.DropNextResponse(new HttpMethod(method), suffix);
            return Results.Json(new { armed = true });
        });
        app.MapPost("/dropped", () => Results.Json(new { dropped = proxy.DroppedCount }));
        await app.StartAsync();
        return new ClientControlEndpoint(app, new Uri(app.Urls.First().TrimEnd('/') + "/"));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
