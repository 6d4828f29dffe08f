using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Primatomic.Functions.Hosting;
using Primatomic.Functions.Logs;
using Primatomic.Functions.Logs.Storage;
using Primatomic.Functions.Views;
using Primatomic.Functions.Views.Runtime;
using Primatomic.Tests.Infrastructure;
using Primatomic.Tests.Logs;

namespace Primatomic.Tests.Views;

/// <summary>
/// Deliveries (this process's commits, or Event Hubs in Azure) are hints with data: duplicated, reordered or gapped
/// deliveries must never apply an event twice or skip one.
/// </summary>
public sealed class ViewDeliveryTests : TenantApiTests
{
    // The leader's head poll is the other way events arrive; slow it so deliveries and query catch-ups do the work.
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Views:FollowPoll"] = "00:01:00" };

    [Fact]
    public async Task Duplicated_reordered_and_gapped_deliveries_apply_each_event_exactly_once_in_order()
    {
        var logId = await Client.CreateLogAsync();
        await Client.DeployOkAsync(logId, "counter", WatFixtures.Binary("counter"));
        await Client.WaitForLeaderAsync(logId, "counter");
        // Appended by "another instance" (its own EventLog): nothing is delivered to this process's replica.
        var storage = Api.Services.GetRequiredService<StorageClients>();
        await using var otherInstance = new EventLog(storage.Table(LogsFeature.EventsTable), new CommitSignals(), NullLogger<EventLog>.Instance);
        var payloads = Enumerable.Range(1, 300).Select(i => Encoding.UTF8.GetBytes($"{{\"n\":{i}}}")).ToList();
        var stored = new List<StoredEvent>();
        foreach (var chunk in payloads.Chunk(30))
        {
            var outcome = await otherInstance.AppendAsync(logId, chunk);
            stored.AddRange(chunk.Select((data, i) => new StoredEvent(outcome.First + i, data, DateTimeOffset.UtcNow)));
        }

        var head = stored[^1].Sequence;
        var replicas = Api.Services.GetRequiredService<ViewReplicas>();
        var shuffled = stored.OrderBy(_ => Random.Shared.Next()).ToList();
        replicas.Deliver(logId, [.. shuffled.Take(150), .. shuffled.Take(20)]);
        replicas.Deliver(logId, stored.Where(e => e.Sequence % 7 != 0).ToList());
        replicas.Deliver(logId, stored.Take(100).ToList());

        // No query asks for anything: the deliveries alone (holes read from the log) bring the replica to the head.
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while ((await Client.StatsAsync(logId, "counter")).GetProperty("processed_sequence").GetInt64() < head)
        {
            Assert.True(DateTime.UtcNow < deadline, "the deliveries did not bring the replica to the head");
            await Task.Delay(50);
        }

        var stats = await Client.StatsAsync(logId, "counter");
        Assert.Equal(head, stats.GetProperty("processed_sequence").GetInt64());
        Assert.Equal(head, stats.GetProperty("events_applied").GetInt64());
        Assert.Equal($"{{\"count\":{head}}}", await Client.QueryTextAsync(logId, "counter"));
    }

    [Fact]
    public async Task A_commit_here_reaches_the_replica_before_the_append_is_answered()
    {
        var logId = await Client.CreateLogAsync();
        await Client.DeployOkAsync(logId, "counter", WatFixtures.Binary("counter"));
        await Client.WaitForLeaderAsync(logId, "counter");
        var replica = Api.Services.GetRequiredService<ViewReplicas>().All.Single(r => r.Record.LogId == logId);

        for (var i = 0; i < 20; i++)
        {
            var sequence = await Client.AppendOkAsync(logId, "{}"u8.ToArray());
            Assert.True(replica.OfferedThrough >= sequence, $"sequence {sequence} was answered before it was delivered");
        }
    }
}
