using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Primatomic.Testing;

namespace Primatomic.Soak;

/// <summary>
/// Azurite and the service as processes, a tenant signed in, busy logs, a quiet log for long-polls, and the counter
/// view deployed on the first busy log and led by an instance.
/// </summary>
public sealed class SoakTarget : IAsyncDisposable
{
    public const int BusyLogs = 3;
    public const string ViewName = "counter";

    private SoakTarget(AzuriteProcess azurite, ServiceProcess service, HttpClient client)
    {
        Azurite = azurite;
        Service = service;
        Client = client;
    }

    public AzuriteProcess Azurite { get; }
    public ServiceProcess Service { get; }

    /// <summary>Signed in as the tenant's owner; shared by every worker (HttpClient is safe for concurrent use).</summary>
    public HttpClient Client { get; }
    public List<string> Busy { get; } = [];
    public string Quiet { get; private set; } = "";

    public static async Task<SoakTarget> StartAsync()
    {
        var azurite = await AzuriteProcess.StartAsync();
        var service = await ServiceProcess.StartAsync(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["STORAGE_NAME_PREFIX"] = "soak" + Guid.NewGuid().ToString("N")[..8],
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            // One loopback client: per-IP and per-tenant limits would only throttle the soak itself.
            ["RATE_LIMIT_RPS"] = "100000",
            ["AUTH_RATE_LIMIT_PER_MINUTE"] = "100000",
            ["TENANT_RATE_LIMIT_RPS"] = "10000",
            ["TENANT_RATE_LIMIT_BURST"] = "10000",
        });
        var client = new HttpClient(new SocketsHttpHandler { UseProxy = false, MaxConnectionsPerServer = 64 })
        {
            BaseAddress = service.BaseAddress,
            Timeout = TimeSpan.FromSeconds(60),
        };
        var target = new SoakTarget(azurite, service, client);
        await target.PrepareAsync();
        return target;
    }

    private async Task PrepareAsync()
    {
        var credentials = new { email = $"soak-{Guid.NewGuid():N}@soak.test", password = "pw-" + Guid.NewGuid().ToString("N") };
        (await Client.PostAsJsonAsync(new Uri("/auth/register", UriKind.Relative), credentials)).EnsureSuccessStatusCode();
        var login = await Json(await Client.PostAsJsonAsync(new Uri("/auth/login", UriKind.Relative), credentials));
        Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", login.GetProperty("access_token").GetString());
        for (var i = 0; i < BusyLogs; i++)
        {
            Busy.Add(await CreateLogAsync($"busy-{i}"));
        }

        Quiet = await CreateLogAsync("quiet");
        using var component = new ByteArrayContent(await File.ReadAllBytesAsync(RepoPaths.Combine("examples", "views", "counter", "counter.wasm")));
        component.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        (await Client.PostAsync(new Uri($"/logs/{Busy[0]}/views/{ViewName}", UriKind.Relative), component)).EnsureSuccessStatusCode();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while ((await Json(await Client.GetAsync(new Uri($"/logs/{Busy[0]}/views/{ViewName}/stats", UriKind.Relative))))
               .GetProperty("leader_status").ValueKind != JsonValueKind.String)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException("The counter view got no leader within 60 s.");
            }

            await Task.Delay(250);
        }
    }

    private async Task<string> CreateLogAsync(string name) =>
        (await Json(await Client.PostAsync(new Uri($"/logs/{name}", UriKind.Relative), null))).GetProperty("log_id").GetString()!;

    private static async Task<JsonElement> Json(HttpResponseMessage response)
    {
        using (response)
        {
            var body = await response.Content.ReadAsStringAsync();
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"Set-up answered {(int)response.StatusCode}: {body}");
            }

            using var document = JsonDocument.Parse(body);
            return document.RootElement.Clone();
        }
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Service.DisposeAsync();
        await Azurite.DisposeAsync();
    }
}
