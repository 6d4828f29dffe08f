using System.Net;
using Primatomic.Tests.Infrastructure;
using Primatomic.Tests.Logs;

namespace Primatomic.Tests.Views;

/// <summary>Views per log and per tenant are capped (here 2 and 3); redeploying an existing view always has room.</summary>
public sealed class ViewCapsTests : IAsyncLifetime
{
    private ApiFactory _api = null!;

    public async Task InitializeAsync() => _api = await ApiFactory.CreateAsync(new Dictionary<string, string?>
    {
        ["Views:MaxViewsPerLog"] = "2",
        ["Views:MaxViewsPerTenant"] = "3",
    });

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task Deploying_past_the_log_or_tenant_cap_answers_409_VIEW_LIMIT_REACHED_and_redeploys_still_work()
    {
        using var client = _api.CreateClient();
        (await TestTenant.RegisterAsync(client)).Authorize(client);
        var counter = WatFixtures.Binary("counter");
        var first = await client.CreateLogAsync();
        await client.DeployOkAsync(first, "a", counter);
        await client.DeployOkAsync(first, "b", counter);

        using (var third = await client.DeployAsync(first, "c", counter))
        {
            await third.AssertProblemAsync(HttpStatusCode.Conflict, "VIEW_LIMIT_REACHED");
            var problem = await third.ReadJsonAsync();
            Assert.Equal("log", problem.GetProperty("scope").GetString());
            Assert.Equal(2, problem.GetProperty("limit").GetInt32());
        }

        await client.DeployOkAsync(first, "b", counter); // a redeploy is not a new view

        var second = await client.CreateLogAsync();
        await client.DeployOkAsync(second, "a", counter);
        using (var fourth = await client.DeployAsync(second, "b", counter))
        {
            await fourth.AssertProblemAsync(HttpStatusCode.Conflict, "VIEW_LIMIT_REACHED");
            Assert.Equal("tenant", (await fourth.ReadJsonAsync()).GetProperty("scope").GetString());
        }

        // Another tenant has its own caps.
        using var other = _api.CreateClient();
        (await TestTenant.RegisterAsync(other)).Authorize(other);
        var theirs = await other.CreateLogAsync();
        await other.DeployOkAsync(theirs, "a", counter);

        // Deleting makes room again.
        using (var deleted = await client.DeleteAsync(LogsHttp.Path($"/logs/{first}/views/a")))
        {
            Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        }

        await client.DeployOkAsync(second, "b", counter);
    }
}
