using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;
using Primatomic.Functions.Auth;
using Primatomic.Testing;
using Primatomic.Tests.Infrastructure;
using Primatomic.Tests.Views;

namespace Primatomic.Tests.Auth;

/// <summary>
/// With storage down or frozen, everything in auth that needs storage — the API-key revocation check of a token,
/// the signing-key reload for an unknown kid, login, register, token exchange, X-Tenant-ID, key and user
/// management — answers 503 SERVICE_UNAVAILABLE with Retry-After within the request bound: never 401, 500 or a hang.
/// </summary>
// Its bound is the 10 s request deadline plus 2 s: measured beside the suite's service processes, a busy machine
// once added more than that (every answer 503 at 12.2 s), so it runs alone like the other timing-sensitive tests.
[Collection(nameof(RunsAlone))]
[Trait("Category", "EndToEnd")]
public sealed class AuthStorageFaultTests : IAsyncLifetime
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(12);
    private static readonly string[] ReadScope = [Scopes.LogsRead, Scopes.KeysManage];
    private StorageFaultProxy _proxy = null!;
    private ApiFactory _api = null!;
    private HttpClient _client = null!;
    private TestTenant _owner = null!;
    private string _keySecret = null!;
    private string _keyToken = null!;
    private string _admin = null!;
    private readonly List<IDisposable> _instances = [];

    public async Task InitializeAsync()
    {
        var azurite = await SharedAzurite.GetAsync();
        _proxy = await StorageFaultProxy.StartAsync(azurite, seed: 6);
        _api = await ApiFactory.CreateAsync(new Dictionary<string, string?> { ["AzureWebJobsStorage"] = _proxy.ConnectionString });
        _client = _api.CreateClient();
        _owner = await TestTenant.RegisterAsync(_client);
        _admin = await AuthHttp.LoginAsync(_client, ApiFactory.AdminEmail, ApiFactory.AdminPassword);
        using var key = await _client.SendWithTokenAsync(HttpMethod.Post, "/auth/keys", _owner.AccessToken, new { name = "faults", scopes = ReadScope });
        _keySecret = (await key.ReadJsonAsync()).GetProperty("api_key").GetString()!;
        using var exchanged = await _client.PostJsonAsync("/auth/token", new { api_key = _keySecret });
        _keyToken = (await exchanged.ReadJsonAsync()).GetProperty("access_token").GetString()!;
    }

    public async Task DisposeAsync()
    {
        _proxy.Thaw();
        _instances.ForEach(instance => instance.Dispose());
        _client.Dispose();
        await _api.DisposeAsync();
        await _proxy.DisposeAsync();
    }

    [Fact]
    public async Task With_storage_down_every_auth_step_answers_503_with_Retry_After()
    {
        var requests = await PrepareAsync();
        _proxy.Down = true;
        await AssertAllUnavailableAsync(requests);
        _proxy.Down = false;
        await AssertRecoveredAsync();
    }

    [Fact]
    public async Task With_storage_frozen_every_auth_step_answers_503_within_the_bound()
    {
        var requests = await PrepareAsync();
        _proxy.Freeze();
        await AssertAllUnavailableAsync(requests);
        _proxy.Thaw();
        await AssertRecoveredAsync();
    }

    /// <summary>Each request as a factory; the key-token one goes to an instance whose revocation cache has gone stale.</summary>
    private async Task<List<(string Name, Func<Task<HttpResponseMessage>> Send)>> PrepareAsync()
    {
        var clock = new ShiftedTimeProvider();
        var stale = _api.WithWebHostBuilder(builder => builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(clock)));
        var staleClient = stale.CreateClient();
        _instances.Add(staleClient);
        _instances.Add(stale);
        using (var warm = await staleClient.SendWithTokenAsync(HttpMethod.Get, "/auth/keys", _keyToken))
        {
            Assert.Equal(HttpStatusCode.OK, warm.StatusCode);
        }

        clock.Advance(ApiKeyRevocations.MaxStaleness + TimeSpan.FromSeconds(1));
        var unknownKid = TokenForge.Mint(new RsaSecurityKey(RSA.Create(2048)) { KeyId = Guid.NewGuid().ToString("N") }, _owner.TenantId, "someone");
        var member = new { email = $"m-{Guid.NewGuid():N}@tenant.test", password = "member-password" };
        return
        [
            ("revocation check of a key's token", () => staleClient.SendWithTokenAsync(HttpMethod.Get, "/logs", _keyToken)),
            ("unknown kid", () => _client.SendWithTokenAsync(HttpMethod.Get, "/logs", unknownKid)),
            ("login", () => _client.PostJsonAsync("/auth/login", new { email = _owner.Email, password = _owner.Password })),
            ("register", () => _client.PostJsonAsync("/auth/register", new { email = $"r-{Guid.NewGuid():N}@tenant.test", password = "register-password" })),
            ("token exchange", () => _client.PostJsonAsync("/auth/token", new { api_key = _keySecret })),
            ("X-Tenant-ID", () => _client.SendWithTokenAsync(HttpMethod.Get, "/auth/users", _admin, tenantHeader: _owner.TenantId)),
            ("list keys", () => _client.SendWithTokenAsync(HttpMethod.Get, "/auth/keys", _owner.AccessToken)),
            ("create key", () => _client.SendWithTokenAsync(HttpMethod.Post, "/auth/keys", _owner.AccessToken, new { name = "down", scopes = ReadScope })),
            ("revoke key", () => _client.SendWithTokenAsync(HttpMethod.Delete, $"/auth/keys/{Guid.NewGuid():N}", _owner.AccessToken)),
            ("list users", () => _client.SendWithTokenAsync(HttpMethod.Get, "/auth/users", _owner.AccessToken)),
            ("create user", () => _client.SendWithTokenAsync(HttpMethod.Post, "/auth/users", _owner.AccessToken, member)),
        ];
    }

    private static async Task AssertAllUnavailableAsync(List<(string Name, Func<Task<HttpResponseMessage>> Send)> requests)
    {
        var failures = await Task.WhenAll(requests.Select(async request =>
        {
            var clock = Stopwatch.StartNew();
            using var response = await request.Send();
            var body = await response.Content.ReadAsStringAsync();
            var ok = response.StatusCode == HttpStatusCode.ServiceUnavailable && response.Headers.RetryAfter is not null
                && body.Contains("SERVICE_UNAVAILABLE", StringComparison.Ordinal) && clock.Elapsed < Bound;
            return ok ? null : $"{request.Name}: {(int)response.StatusCode} after {clock.Elapsed.TotalSeconds:F1} s: {body}";
        }));
        var wrong = failures.OfType<string>().ToList();
        Assert.True(wrong.Count == 0, string.Join('\n', wrong));
    }

    private async Task AssertRecoveredAsync()
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            using var login = await _client.PostJsonAsync("/auth/login", new { email = _owner.Email, password = _owner.Password });
            if (login.StatusCode == HttpStatusCode.OK)
            {
                return;
            }

            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(30), $"login did not recover: {(int)login.StatusCode}");
            await Task.Delay(200);
        }
    }
}
