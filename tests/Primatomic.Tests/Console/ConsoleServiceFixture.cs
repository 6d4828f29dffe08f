using Primatomic.Testing;
using Primatomic.Tests.Infrastructure;
using Primatomic.Tests.Logs;

namespace Primatomic.Tests.WebConsole;

/// <summary>
/// The service as its own process on a free port (a browser needs a real socket), over the shared Azurite with its
/// own storage names; one per test class.
/// </summary>
public sealed class ConsoleServiceFixture : IAsyncLifetime
{
    private ServiceProcess? _service;

    public ServiceProcess Service => _service ?? throw new InvalidOperationException("The service is not started.");

    /// <summary>The origin the page is loaded from and must talk only to.</summary>
    public Uri Origin => Service.BaseAddress;

    public async Task InitializeAsync()
    {
        var azurite = await SharedAzurite.GetAsync();
        _service = await ServiceProcess.StartAsync(LogsHttp.ServiceSettings(azurite, SharedAzurite.UniquePrefix()));
    }

    /// <summary>A new tenant whose owner signs in to the console with email and password.</summary>
    public async Task<TestTenant> RegisterTenantAsync()
    {
        using var client = Service.CreateClient();
        return await TestTenant.RegisterAsync(client);
    }

    public async Task DisposeAsync()
    {
        if (_service is not null)
        {
            await _service.DisposeAsync();
        }
    }
}
