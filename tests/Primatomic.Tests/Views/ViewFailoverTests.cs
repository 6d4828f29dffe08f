using Primatomic.Testing;
using Primatomic.Tests.Infrastructure;
using Primatomic.Tests.Logs;

namespace Primatomic.Tests.Views;

/// <summary>
/// Acceptance 3: two service processes, one Azurite, one view. The leader is killed (kill -9) mid-stream; the
/// other process takes the lease, continues from the checkpoint, and ends with the state of a full replay.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class ViewFailoverTests : IAsyncLifetime
{
    private readonly List<ServiceProcess> _services = [];

    public async Task InitializeAsync()
    {
        var settings = LogsHttp.ServiceSettings(await SharedAzurite.GetAsync(), SharedAzurite.UniquePrefix());
        settings["Views__CheckpointEvents"] = "200";
        settings["Views__CheckpointInterval"] = "00:00:01";
        settings["Views__FollowPoll"] = "00:00:00.200";
        settings["Views__SupervisePoll"] = "00:00:00.500";
        _services.AddRange(await Task.WhenAll(ServiceProcess.StartAsync(settings), ServiceProcess.StartAsync(settings)));
        // Leadership settles before the test picks its leader: shards split between the two processes.
        await Placement.PlacementCluster.WaitForFairShareAsync(_services, TimeSpan.FromSeconds(30));
    }

    public async Task DisposeAsync()
    {
        foreach (var service in _services)
        {
            await service.DisposeAsync();
        }
    }

    [Fact]
    public async Task Killing_the_leader_hands_the_view_to_the_other_process_which_resumes_from_the_checkpoint()
    {
        var clients = _services.Select(s => s.CreateClient()).ToArray();
        var tenant = await TestTenant.RegisterAsync(clients[0]);
        foreach (var client in clients)
        {
            tenant.Authorize(client);
        }

        var logId = await clients[0].CreateLogAsync();
        await clients[0].DeployOkAsync(logId, "counter", WatFixtures.Binary("counter"));
        var leaderId = (await clients[0].WaitForLeaderAsync(logId, "counter")).GetProperty("leader_node_id").GetString();
        var leader = (await clients[0].StatsAsync(logId, "counter")).GetProperty("serving_node_id").GetString() == leaderId ? 0 : 1;
        var survivor = 1 - leader;

        // Appends go through the leader only, so the survivor's replica learns nothing from its own commits and
        // has to start from the old leader's checkpoint when it takes over.
        await clients[leader].AppendManyAsync(logId, 600);
        await WaitAsync(async () => (await clients[leader].StatsAsync(logId, "counter")).GetProperty("checkpoint_sequence").GetInt64() >= 400,
            "the leader to checkpoint", TimeSpan.FromSeconds(30));

        var streaming = clients[leader].AppendManyAsync(logId, 5000);
        // Kill it mid-stream: once the stream has landed some appends past the checkpointed 600.
        await WaitAsync(async () => (await clients[leader].StatsAsync(logId, "counter")).GetProperty("head_sequence").GetInt64() >= 650,
            "the stream to be under way", TimeSpan.FromSeconds(30));
        await _services[leader].KillAsync();
        try
        {
            await streaming;
        }
        catch (HttpRequestException)
        {
            // Mid-stream: the appends in flight when the leader died are unanswered; the log says which landed.
        }

        // The dead leader's lease runs out within its 15 s; then the survivor takes it.
        await WaitAsync(async () =>
        {
            var stats = await clients[survivor].StatsAsync(logId, "counter");
            return stats.GetProperty("leader_node_id").GetString() == stats.GetProperty("serving_node_id").GetString();
        }, "the survivor to take the lease", TimeSpan.FromSeconds(40));
        await WaitAsync(async () => (await clients[survivor].StatsAsync(logId, "counter")).GetProperty("restored_from_sequence").GetInt64() >= 400,
            "the new leader to start from the old leader's checkpoint", TimeSpan.FromSeconds(10));

        var head = await clients[survivor].AppendManyAsync(logId, 100);
        Assert.Equal($"{{\"count\":{head}}}", await clients[survivor].QueryTextAsync(logId, "counter", after: head));
    }

    private static async Task WaitAsync(Func<Task<bool>> condition, string what, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting for {what}.");
            await Task.Delay(100);
        }
    }
}
