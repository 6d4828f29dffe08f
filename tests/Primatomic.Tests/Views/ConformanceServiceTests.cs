using Primatomic.Testing;
using Primatomic.Tests.Infrastructure;
using Primatomic.Tests.Logs;

namespace Primatomic.Tests.Views;

/// <summary>
/// The published contract through running services (two processes, one Azurite): the recorder view receives every
/// event once, in order, with its exact bytes (every byte value 0-255, every length around the frame's blocks, large
/// ones), init runs once per instance and before restore, and its snapshot carries the state across a kill -9 of the
/// leader (failover) and a process that starts later (restart).
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class ConformanceServiceTests : IAsyncLifetime
{
    private readonly List<ServiceProcess> _services = [];
    private Dictionary<string, string?> _settings = null!;

    public async Task InitializeAsync()
    {
        _settings = LogsHttp.ServiceSettings(await SharedAzurite.GetAsync(), SharedAzurite.UniquePrefix());
        _settings["Views__CheckpointEvents"] = "50";
        _settings["Views__CheckpointInterval"] = "00:00:01";
        _settings["Views__FollowPoll"] = "00:00:00.200";
        _settings["Views__SupervisePoll"] = "00:00:00.500";
        _services.AddRange(await Task.WhenAll(ServiceProcess.StartAsync(_settings), ServiceProcess.StartAsync(_settings)));
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
    public async Task Recorder_sees_exact_bytes_in_order_with_one_init_across_failover_and_restart()
    {
        var clients = _services.Select(s => s.CreateClient()).ToList();
        var tenant = await TestTenant.RegisterAsync(clients[0]);
        clients.ForEach(client => tenant.Authorize(client));
        var logId = await clients[0].CreateLogAsync();
        await clients[0].DeployOkAsync(logId, "recorder", WatFixtures.Binary("recorder"));
        var leaderId = (await clients[0].WaitForLeaderAsync(logId, "recorder")).GetProperty("leader_node_id").GetString();
        var leader = (await clients[0].StatsAsync(logId, "recorder")).GetProperty("serving_node_id").GetString() == leaderId ? 0 : 1;
        var survivor = 1 - leader;

        var payloads = Recording.AwkwardPayloads().Where(p => p.Length > 0).ToList(); // the API refuses empty events
        long last = 0;
        foreach (var payload in payloads)
        {
            last = await clients[leader].AppendOkAsync(logId, payload);
        }

        await AssertRecordedAsync(clients[leader], logId, last, payloads);
        await Eventually.TrueAsync(async () => (await clients[leader].StatsAsync(logId, "recorder")).GetProperty("checkpoint_sequence").GetInt64() >= 50,
            "the leader to checkpoint", TimeSpan.FromSeconds(30));

        // Failover: the survivor takes the lease and continues from the dead leader's checkpoint.
        await _services[leader].KillAsync();
        await Eventually.TrueAsync(async () =>
        {
            var stats = await clients[survivor].StatsAsync(logId, "recorder");
            return stats.GetProperty("leader_node_id").GetString() == stats.GetProperty("serving_node_id").GetString()
                && stats.GetProperty("restored_from_sequence").GetInt64() >= 50;
        }, "the survivor to lead from the checkpoint", TimeSpan.FromSeconds(40));
        var more = new[] { new byte[] { 0xFF, 0x00, 0x80 }, Enumerable.Range(0, 256).Select(b => (byte)b).ToArray() };
        foreach (var payload in more)
        {
            payloads.Add(payload);
            last = await clients[survivor].AppendOkAsync(logId, payload);
        }

        await AssertRecordedAsync(clients[survivor], logId, last, payloads);

        // Restart: a process that starts now loads the view from the latest checkpoint.
        await Eventually.TrueAsync(async () => (await clients[survivor].StatsAsync(logId, "recorder")).GetProperty("checkpoint_sequence").GetInt64() >= last,
            "a checkpoint of the tail", TimeSpan.FromSeconds(30));
        var late = await ServiceProcess.StartAsync(_settings);
        _services.Add(late);
        using var lateClient = late.CreateClient();
        tenant.Authorize(lateClient);
        await AssertRecordedAsync(lateClient, logId, last, payloads);
        Assert.True((await lateClient.StatsAsync(logId, "recorder")).GetProperty("restored_from_sequence").GetInt64() > 0);
    }

    private static async Task AssertRecordedAsync(HttpClient client, string logId, long after, List<byte[]> payloads)
    {
        using var response = await client.QueryAsync(logId, "recorder", after: after);
        var recording = Recording.Parse(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(1, recording.Inits);
        Assert.Equal(payloads.Count, recording.Events.Count);
        for (var i = 0; i < payloads.Count; i++)
        {
            Assert.True(payloads[i].AsSpan().SequenceEqual(recording.Events[i]), $"event {i + 1} ({payloads[i].Length} bytes) arrived changed");
        }
    }
}
