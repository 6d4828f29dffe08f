using System.Net;
using Primatomic.Tests.Infrastructure;
using Primatomic.Tests.Logs;

namespace Primatomic.Tests.Views;

/// <summary>
/// Acceptance 2 through the running service: each hostile view deployed beside a healthy counter on the same log
/// fails with its documented error at its documented sequence, while the service and the counter keep working.
/// </summary>
public sealed class HostileViewServiceTests : TenantApiTests
{
    // A smaller memory limit keeps the memory test quick; the message names whatever limit is configured.
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Views:MaxMemoryBytes"] = "67108864" };

    [Theory]
    [InlineData("infinite_loop", "exceeded its work budget")]
    [InlineData("memory_growth", "64 MiB")]
    [InlineData("deep_recursion", "stack")]
    [InlineData("calls_import", "import the host does not provide")]
    public async Task Hostile_apply_fails_the_view_at_the_first_event_and_the_counter_beside_it_keeps_working(string fixture, string error)
    {
        var logId = await Client.CreateLogAsync();
        await Client.DeployOkAsync(logId, fixture, WatFixtures.Binary(fixture));
        await Client.DeployOkAsync(logId, "counter", WatFixtures.Binary("counter"));
        var last = await Client.AppendManyAsync(logId, 6);

        using (var response = await Client.QueryAsync(logId, fixture, after: last))
        {
            await response.AssertProblemAsync(HttpStatusCode.Conflict, "VIEW_FAILED");
            var problem = await response.ReadJsonAsync();
            Assert.Equal(1, problem.GetProperty("failed_sequence").GetInt64());
            Assert.Contains(error, problem.GetProperty("error").GetString(), StringComparison.Ordinal);
        }

        var stats = await Client.StatsAsync(logId, fixture);
        Assert.Equal("failed", stats.GetProperty("status").GetString());
        Assert.Equal(0, stats.GetProperty("processed_sequence").GetInt64());
        Assert.Contains(error, stats.GetProperty("last_error").GetString(), StringComparison.Ordinal);

        Assert.Equal("{\"count\":6}", await Client.QueryTextAsync(logId, "counter", after: last));
        last = await Client.AppendManyAsync(logId, 3);
        Assert.Equal("{\"count\":9}", await Client.QueryTextAsync(logId, "counter", after: last));
    }

    [Fact]
    public async Task Huge_query_output_answers_422_with_the_cap_and_both_views_keep_working()
    {
        var logId = await Client.CreateLogAsync();
        await Client.DeployOkAsync(logId, "huge", WatFixtures.Binary("huge_query"));
        await Client.DeployOkAsync(logId, "counter", WatFixtures.Binary("counter"));
        var last = await Client.AppendManyAsync(logId, 2);

        using (var response = await Client.QueryAsync(logId, "huge", after: last))
        {
            await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "VIEW_QUERY_FAILED");
            Assert.Contains("bytes, the limit", (await response.ReadJsonAsync()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        Assert.Equal("{\"count\":2}", await Client.QueryTextAsync(logId, "counter", after: last));
    }
}
