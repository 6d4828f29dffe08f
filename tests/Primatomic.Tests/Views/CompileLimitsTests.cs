using System.Net;
using Primatomic.Tests.Infrastructure;
using Primatomic.Tests.Logs;

namespace Primatomic.Tests.Views;

/// <summary>
/// Sandbox, compilation: every way a component can make compiling expensive ends in 400 INVALID_VIEW naming the
/// limit, in the compiler process, while a healthy view of another tenant keeps answering.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class CompileLimitsTests : TenantApiTests
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Views:CompileMemoryBytes"] = (150L << 20).ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Views:MaxFunctionBodyBytes"] = (2 << 20).ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    [Fact]
    public async Task Function_body_over_the_cap_is_refused_before_compiling()
    {
        var neighbour = await HealthyNeighbour.StartAsync(Api);
        using var response = await Client.DeployAsync(await Client.CreateLogAsync(), "huge", CompileBombs.OneHugeFunction(250_000));
        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "INVALID_VIEW");
        Assert.Contains("Views__MaxFunctionBodyBytes", (await response.ReadJsonAsync()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        await neighbour.AssertAnswersAsync();
    }

    [Fact]
    public async Task Compile_needing_more_memory_than_the_cap_is_refused_and_nothing_is_stored()
    {
        var neighbour = await HealthyNeighbour.StartAsync(Api);
        var logId = await Client.CreateLogAsync();
        using var response = await Client.DeployAsync(logId, "hungry", CompileBombs.OneHugeFunction(140_000));
        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "INVALID_VIEW");
        Assert.Contains("150 MiB of memory", (await response.ReadJsonAsync()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        using var missing = await Client.GetAsync(LogsHttp.Path($"/logs/{logId}/views/hungry/stats"));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        await neighbour.AssertAnswersAsync();
    }

    [Fact]
    public async Task A_tenant_compiling_more_than_its_share_at_once_gets_429_with_Retry_After()
    {
        var bomb = CompileBombs.ManyFunctions(12);
        var logId = await Client.CreateLogAsync();
        var deploys = Enumerable.Range(0, 3).Select(i => Client.DeployAsync(logId, $"v{i}", bomb)).ToArray();
        var responses = await Task.WhenAll(deploys);
        try
        {
            var limited = responses.Where(r => r.StatusCode == HttpStatusCode.TooManyRequests).ToList();
            Assert.NotEmpty(limited);
            Assert.All(limited, r => Assert.NotNull(r.Headers.RetryAfter));
            await limited[0].AssertProblemAsync(HttpStatusCode.TooManyRequests, "RATE_LIMITED");
        }
        finally
        {
            foreach (var response in responses)
            {
                response.Dispose();
            }
        }
    }
}

/// <summary>Sandbox, compilation time: a component that compiles for longer than the timeout is refused.</summary>
[Trait("Category", "EndToEnd")]
public sealed class CompileTimeoutTests : TenantApiTests
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Views:CompileTimeout"] = "00:00:03" };

    [Fact]
    public async Task Compile_taking_longer_than_the_timeout_is_refused()
    {
        var neighbour = await HealthyNeighbour.StartAsync(Api);
        using var response = await Client.DeployAsync(await Client.CreateLogAsync(), "slow", CompileBombs.ManyFunctions(40));
        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "INVALID_VIEW");
        Assert.Contains("Views__CompileTimeout", (await response.ReadJsonAsync()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        await neighbour.AssertAnswersAsync();
    }
}
