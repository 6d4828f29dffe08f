using Primatomic.Testing;

namespace Primatomic.Chaos;

/// <summary>
/// What the faults act on: a private Azurite (so stopping or freezing it harms no one else), the fault proxy in front
/// of it, and one or two service processes pointed at the proxy. Everything listens on loopback.
/// </summary>
public sealed class ChaosCluster : IAsyncDisposable
{
    public const string AdminEmail = "admin@chaos.test";
    public const string AdminPassword = "admin-password-for-chaos";

    private readonly Dictionary<string, string?> _settings;

    private ChaosCluster(AzuriteProcess azurite, StorageFaultProxy proxy, Dictionary<string, string?> settings)
    {
        Azurite = azurite;
        Proxy = proxy;
        _settings = settings;
    }

    public AzuriteProcess Azurite { get; }
    public StorageFaultProxy Proxy { get; }
    public List<ServiceProcess> Services { get; } = [];

    public static async Task<ChaosCluster> StartAsync(int seed)
    {
        var azurite = await AzuriteProcess.StartAsync();
        var proxy = await StorageFaultProxy.StartAsync(azurite, seed);
        var settings = new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = proxy.ConnectionString,
            ["STORAGE_NAME_PREFIX"] = "chaos" + Guid.NewGuid().ToString("N")[..8],
            ["ADMIN_EMAIL"] = AdminEmail,
            ["ADMIN_PASSWORD"] = AdminPassword,
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            // Every client is on loopback: per-IP and per-tenant limits would only measure themselves.
            ["RATE_LIMIT_RPS"] = "100000",
            ["AUTH_RATE_LIMIT_PER_MINUTE"] = "100000",
            ["TENANT_RATE_LIMIT_RPS"] = "10000",
            ["TENANT_RATE_LIMIT_BURST"] = "10000",
        };
        var cluster = new ChaosCluster(azurite, proxy, settings);
        cluster.Services.Add(await ServiceProcess.StartAsync(settings));
        return cluster;
    }

    public async Task<ServiceProcess> StartAnotherServiceAsync()
    {
        var service = await ServiceProcess.StartAsync(_settings);
        Services.Add(service);
        return service;
    }

    public async Task StopExtraServicesAsync()
    {
        while (Services.Count > 1)
        {
            await Services[^1].DisposeAsync();
            Services.RemoveAt(Services.Count - 1);
        }
    }

    /// <summary>Undoes every fault, whatever state a failed phase left behind.</summary>
    public async Task HealAllAsync()
    {
        Proxy.LoseAnswerProbability = 0;
        Proxy.LoseRequestProbability = 0;
        Proxy.Down = false;
        Proxy.Thaw();
        Azurite.Thaw();
        if (!Azurite.IsRunning)
        {
            await Azurite.StartAgainAsync();
        }

        // A kill -9 whose restart failed leaves the first instance down; the next phase needs it.
        if (Services[0].ProcessId is null)
        {
            await Services[0].RestartAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var service in Services)
        {
            await service.DisposeAsync();
        }

        await Proxy.DisposeAsync();
        await Azurite.DisposeAsync();
    }
}
