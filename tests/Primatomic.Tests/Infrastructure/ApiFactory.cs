using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Primatomic.Testing;

namespace Primatomic.Tests.Infrastructure;

/// <summary>
/// The real handler in-process over the real HTTP pipeline, against the shared Azurite, with storage names no other
/// test uses. Pass <paramref name="settings"/> to override configuration for one test class.
/// </summary>
public sealed class ApiFactory(AzuriteProcess azurite, IReadOnlyDictionary<string, string?>? settings = null)
    : WebApplicationFactory<Program>
{
    public const string AdminEmail = "admin@primatomic.test";
    public const string AdminPassword = "admin-password-for-tests";

    public string StoragePrefix { get; } = SharedAzurite.UniquePrefix();

    public AzuriteProcess Azurite => azurite;

    public static async Task<ApiFactory> CreateAsync(IReadOnlyDictionary<string, string?>? settings = null) =>
        new(await SharedAzurite.GetAsync(), settings);

    /// <summary>The settings a test service runs with: its own storage, a known admin and limits loose enough for load.</summary>
    public static Dictionary<string, string?> DefaultSettings(AzuriteProcess azurite, string prefix) => new()
    {
        ["AzureWebJobsStorage"] = azurite.ConnectionString,
        ["STORAGE_NAME_PREFIX"] = prefix,
        ["ADMIN_EMAIL"] = AdminEmail,
        ["ADMIN_PASSWORD"] = AdminPassword,
        ["RATE_LIMIT_RPS"] = "100000",
        ["AUTH_RATE_LIMIT_PER_MINUTE"] = "10000",
        ["TENANT_RATE_LIMIT_RPS"] = "100000",
        ["TENANT_RATE_LIMIT_BURST"] = "100000",
        // Few shards: every test service claims them all at start, and a handful keeps Azurite's lease traffic small.
        ["Views:Shards"] = "8",
        // Placement rounds each second: a test service leads its views a second after start, not five.
        ["Views:PlacementInterval"] = "00:00:01",
        // Every in-process host shares the test runner's heap: a full collection for one would pause every test.
        ["Views:ReleaseMemoryAfterHibernation"] = "false",
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        var all = DefaultSettings(azurite, StoragePrefix);
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        foreach (var (key, value) in all)
        {
            builder.UseSetting(key, value);
        }
    }
}
