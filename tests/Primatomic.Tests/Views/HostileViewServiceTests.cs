using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Primatomic.Tests.Infrastructure;
using Primatomic.Tests.Logs;

namespace Primatomic.Tests.Views;

/// <summary>
/// Sandbox classes through the running service: each hostile view deployed beside a healthy counter on the same log
/// fails with its documented error at its documented sequence (or is refused at deploy), while the service, the
/// counter, and another tenant's counter (<see cref="HealthyNeighbour"/>) keep working.
/// </summary>
public sealed class HostileViewServiceTests : TenantApiTests
{
    // A smaller memory limit keeps the memory test quick; the message names whatever limit is configured.
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Views:MaxMemoryBytes"] = "67108864",
        ["Views:MaxMemories"] = "8", // many_memories has five
    };

    [Theory]
    [InlineData("infinite_loop", "exceeded its work budget")]
    [InlineData("memory_growth", "64 MiB")]
    [InlineData("deep_recursion", "stack")]
    [InlineData("calls_import", "import the host does not provide")]
    public async Task Hostile_apply_fails_the_view_at_the_first_event_and_the_counter_beside_it_keeps_working(string fixture, string error)
    {
        var neighbour = await HealthyNeighbour.StartAsync(Api);
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
        await neighbour.AssertAnswersAsync();
    }

    [Fact]
    public async Task Huge_query_output_answers_422_with_the_cap_and_both_views_keep_working()
    {
        var neighbour = await HealthyNeighbour.StartAsync(Api);
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
        await neighbour.AssertAnswersAsync();
    }

    [Fact]
    public async Task All_memories_of_a_view_share_one_budget()
    {
        var neighbour = await HealthyNeighbour.StartAsync(Api);
        var logId = await Client.CreateLogAsync();
        await Client.DeployOkAsync(logId, "many", WatFixtures.Binary("many_memories"));
        var last = await Client.AppendManyAsync(logId, 2); // each event grows all five memories until growth is refused

        // The view answers the pages of all its memories together: within the 64 MiB budget, however many it has.
        var pages = long.Parse(await Client.QueryTextAsync(logId, "many", after: last), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(pages * 65536, 32L * 1024 * 1024, 64L * 1024 * 1024);
        await neighbour.AssertAnswersAsync();
    }

    [Theory]
    [InlineData("huge_memory", "instantiate")]
    [InlineData("huge_table", "instantiate")]
    [InlineData("looping_start", "work budget")]
    public async Task Component_that_cannot_start_is_refused_at_deploy_nothing_is_stored_and_others_stay_led(string fixture, string reason)
    {
        var neighbour = await HealthyNeighbour.StartAsync(Api);
        var logId = await Client.CreateLogAsync();
        using (var response = await Client.DeployAsync(logId, fixture, WatFixtures.Binary(fixture)))
        {
            await response.AssertProblemAsync(HttpStatusCode.BadRequest, "INVALID_VIEW");
            Assert.Contains(reason, (await response.ReadJsonAsync()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        using (var list = await Client.GetAsync(LogsHttp.Path($"/logs/{logId}/views")))
        {
            Assert.Equal(0, (await list.ReadJsonAsync()).GetProperty("views").GetArrayLength());
        }

        // The view host's next rounds have nothing of it to trip on: the neighbour keeps a leader and answers.
        await Api.Services.GetRequiredService<Primatomic.Functions.Views.Placement.ViewHost>().TickAsync(force: true, CancellationToken.None);
        await neighbour.AssertLedAsync();
        await neighbour.AssertAnswersAsync();
    }

    [Fact]
    public async Task Slow_view_catches_up_in_large_batches_and_a_slow_query_answers_however_loaded_the_machine_is()
    {
        var neighbour = await HealthyNeighbour.StartAsync(Api);
        var logId = await Client.CreateLogAsync();
        await Client.DeployOkAsync(logId, "slow", WatFixtures.Binary("slow_events"));
        await Client.DeployOkAsync(logId, "slow_query", WatFixtures.Binary("slow_query"));
        var last = await Client.AppendManyAsync(logId, 1500);
        Assert.Equal("{\"count\":1500}", await Client.QueryTextAsync(logId, "slow", after: last));

        // Budgets count work, not time: with every core busy the query takes longer, and still answers.
        using var busy = new CancellationTokenSource();
        var burners = Enumerable.Range(0, Environment.ProcessorCount * 2).Select(_ => Task.Run(() =>
        {
            var x = 0UL;
            while (!busy.IsCancellationRequested)
            {
                x = (x * 6364136223846793005) + 1442695040888963407;
            }

            return x;
        })).ToArray();
        try
        {
            var answers = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Client.QueryTextAsync(logId, "slow_query", after: last)));
            Assert.All(answers, answer => Assert.Equal("{\"count\":1500}", answer));
        }
        finally
        {
            await busy.CancelAsync();
            await Task.WhenAll(burners);
        }

        Assert.Equal("running", (await Client.StatsAsync(logId, "slow")).GetProperty("status").GetString());
        await neighbour.AssertAnswersAsync();
    }

    [Fact]
    public async Task A_view_spinning_in_its_start_function_does_not_hold_another_tenants_deploy()
    {
        using var other = Api.CreateClient();
        (await TestTenant.RegisterAsync(other)).Authorize(other);
        var theirs = await other.CreateLogAsync();
        await other.DeployOkAsync(theirs, "warm", WatFixtures.Binary("counter")); // compiled and stored once

        // This deploy compiles, then spends its whole start-up budget (seconds of work) before it is refused; the
        // other tenant deploys again and again meanwhile.
        var spinLog = await Client.CreateLogAsync();
        var spinClock = Stopwatch.StartNew();
        var spinning = Client.DeployAsync(spinLog, "spin", WatFixtures.Binary("looping_start"));
        var slowest = TimeSpan.Zero;
        var deploys = 0;
        while (!spinning.IsCompleted)
        {
            var clock = Stopwatch.StartNew();
            await other.DeployOkAsync(theirs, "counter", WatFixtures.Binary("counter"));
            slowest = clock.Elapsed > slowest ? clock.Elapsed : slowest;
            deploys++;
        }

        using (var refused = await spinning)
        {
            spinClock.Stop();
            await refused.AssertProblemAsync(HttpStatusCode.BadRequest, "INVALID_VIEW");
        }

        // Held behind the spinning start, a deploy would take about as long as it does (alone here: ~2 s against
        // ~50 ms). The bound is a ratio within this run, so a busy machine, which slows both, does not fail it.
        Assert.True(deploys >= 5, $"only {deploys} deploys ran while the spinning one did");
        Assert.True(
            slowest * 2 < spinClock.Elapsed,
            $"the other tenant's slowest deploy took {slowest.TotalMilliseconds:0} ms, the spinning one {spinClock.Elapsed.TotalMilliseconds:0} ms");
    }
}
