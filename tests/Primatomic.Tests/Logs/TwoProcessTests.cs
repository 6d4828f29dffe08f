using Primatomic.Testing;
using Primatomic.Tests.Infrastructure;

namespace Primatomic.Tests.Logs;

/// <summary>
/// Base for tests that run two real service processes over one Azurite (their own storage names), with one tenant
/// whose token authorizes a client for each process.
/// </summary>
[Trait("Category", "EndToEnd")]
public abstract class TwoProcessTests : IAsyncLifetime
{
    protected List<ServiceProcess> Services { get; } = [];
    protected HttpClient[] Clients { get; private set; } = [];

    public async Task InitializeAsync()
    {
        var azurite = await SharedAzurite.GetAsync();
        var settings = LogsHttp.ServiceSettings(azurite, SharedAzurite.UniquePrefix());
        Services.AddRange(await Task.WhenAll(ServiceProcess.StartAsync(settings), ServiceProcess.StartAsync(settings)));
        Clients = Services.Select(s => s.CreateClient()).ToArray();
        var tenant = await TestTenant.RegisterAsync(Clients[0]);
        foreach (var client in Clients)
        {
            tenant.Authorize(client);
        }
    }

    public async Task DisposeAsync()
    {
        foreach (var client in Clients)
        {
            client.Dispose();
        }

        foreach (var service in Services)
        {
            await service.DisposeAsync();
        }
    }
}
