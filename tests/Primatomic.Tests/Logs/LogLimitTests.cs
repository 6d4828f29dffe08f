using System.Net;
using Primatomic.Tests.Infrastructure;

namespace Primatomic.Tests.Logs;

/// <summary>Logs__MaxLogsPerTenant: one create past the cap is 409 LOG_LIMIT_REACHED with the limit; other tenants are not affected.</summary>
public sealed class LogLimitTests : TenantApiTests
{
    protected override IReadOnlyDictionary<string, string?>? Settings => new Dictionary<string, string?> { ["Logs:MaxLogsPerTenant"] = "3" };

    [Fact]
    public async Task Creating_a_log_past_the_tenant_cap_is_409_LOG_LIMIT_REACHED()
    {
        await Task.WhenAll(Enumerable.Range(0, 3).Select(i => Client.CreateLogAsync($"capped-{i}")));

        using var refused = await Client.PostAsync(LogsHttp.Path("/logs/capped-3"), null);
        await refused.AssertProblemAsync(HttpStatusCode.Conflict, "LOG_LIMIT_REACHED");
        Assert.Equal(3, (await refused.ReadJsonAsync()).GetProperty("limit").GetInt32());

        // A name that is taken is still a plain conflict, and the refused create left nothing behind.
        using var taken = await Client.PostAsync(LogsHttp.Path("/logs/capped-0"), null);
        await taken.AssertProblemAsync(HttpStatusCode.Conflict, "CONFLICT");
        var list = await (await Client.GetAsync(LogsHttp.Path("/logs"))).ReadJsonAsync();
        Assert.Equal(3, list.GetProperty("logs").GetArrayLength());

        using var other = Api.CreateClient();
        (await TestTenant.RegisterAsync(other)).Authorize(other);
        await other.CreateLogAsync("capped-3");
    }
}
