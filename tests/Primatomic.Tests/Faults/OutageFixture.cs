using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Primatomic.Testing;
using Primatomic.Tests.Infrastructure;

namespace Primatomic.Tests.Faults;

/// <summary>
/// One service behind a <see cref="StorageFaultProxy"/>, with a tenant, a log and an API key made while storage was
/// healthy, so tests can then stop or freeze storage and see what callers get. Its logs are captured.
/// </summary>
#pragma warning disable CA1001 // Disposed in DisposeAsync, which xunit calls as the fixture's lifetime ends.
public class OutageFixture : IAsyncLifetime
#pragma warning restore CA1001
{
    private static readonly string[] ReadScope = ["logs:read"];

    /// <summary>REQUEST_TIMEOUT_SECS's default, which the service runs with here.</summary>
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(10);

    /// <summary>What tests allow beyond the bound for scheduling on a busy machine.</summary>
    public static readonly TimeSpan Slack = TimeSpan.FromSeconds(2);

    private ApiFactory _api = null!;

    /// <summary>The proxy storage is reached through (none for <see cref="StoppedAzuriteFixture"/>).</summary>
    public StorageFaultProxy Proxy { get; private set; } = null!;
    public WebApplicationFactory<Program> Service { get; private set; } = null!;
    public CapturedLogs Logs { get; } = new();
    public TestTenant Owner { get; private set; } = null!;
    public string LogId { get; private set; } = null!;
    public string ApiKey { get; private set; } = null!;
    public string KeyId { get; private set; } = null!;
    public string AdminToken { get; private set; } = null!;

    /// <summary>A token exchanged for <see cref="ApiKey"/>: the auth pipeline checks its key's revocation in storage.</summary>
    public string ApiKeyToken { get; private set; } = null!;

    /// <summary>Starts the storage the service uses; by default the shared Azurite behind a fault proxy.</summary>
    protected virtual async Task<(AzuriteProcess Azurite, string ConnectionString)> StartStorageAsync()
    {
        var azurite = await SharedAzurite.GetAsync();
        Proxy = await StorageFaultProxy.StartAsync(azurite);
        return (azurite, Proxy.ConnectionString);
    }

    public async Task InitializeAsync()
    {
        var (azurite, connectionString) = await StartStorageAsync();
        _api = new ApiFactory(azurite, new Dictionary<string, string?> { ["AzureWebJobsStorage"] = connectionString });
        Service = _api.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
            services.AddLogging(logging => logging.AddProvider(Logs))));
        using var client = Service.CreateClient();
        Owner = await TestTenant.RegisterAsync(client);
        Owner.Authorize(client);
        using var created = await client.PostAsync(new Uri("/logs/outage-" + Guid.NewGuid().ToString("N")[..8], UriKind.Relative), null);
        created.EnsureSuccessStatusCode();
        LogId = (await created.ReadJsonAsync()).GetProperty("log_id").GetString()!;
        using var key = await client.PostAsJsonAsync(new Uri("/auth/keys", UriKind.Relative), new { name = "outage", scopes = ReadScope });
        key.EnsureSuccessStatusCode();
        var keyJson = await key.ReadJsonAsync();
        ApiKey = keyJson.GetProperty("api_key").GetString()!;
        KeyId = keyJson.GetProperty("key_id").GetString()!;
        using var exchanged = await client.PostAsJsonAsync(new Uri("/auth/token", UriKind.Relative), new { api_key = ApiKey });
        exchanged.EnsureSuccessStatusCode();
        ApiKeyToken = (await exchanged.ReadJsonAsync()).GetProperty("access_token").GetString()!;
        using var admin = await client.PostAsJsonAsync(new Uri("/auth/login", UriKind.Relative),
            new { email = ApiFactory.AdminEmail, password = ApiFactory.AdminPassword });
        admin.EnsureSuccessStatusCode();
        AdminToken = (await admin.ReadJsonAsync()).GetProperty("access_token").GetString()!;
    }

    /// <summary>A client carrying the owner's token.</summary>
    public HttpClient OwnerClient() => Owner.Authorize(Service.CreateClient());

    /// <summary>Storage healthy again, for the next test.</summary>
    public void Heal()
    {
        if (Proxy is not null)
        {
            Proxy.Down = false;
            Proxy.Thaw();
        }
    }

    public virtual async Task DisposeAsync()
    {
        Heal();
        await Service.DisposeAsync();
        await _api.DisposeAsync();
        if (Proxy is not null)
        {
            await Proxy.DisposeAsync();
        }
    }
}
