using Primatomic.Tests.Infrastructure;
using Primatomic.Tests.Logs;

namespace Primatomic.Tests.Views;

/// <summary>Acceptance 4: with a 100,000-event log, a restarted service answers from the latest checkpoint plus the log's tail, not by replaying from zero.</summary>
[Trait("Category", "EndToEnd")]
public sealed class ViewRestartTests
{
    private static readonly Dictionary<string, string?> FastCheckpoints = new()
    {
        ["Views:CheckpointEvents"] = "10000",
        ["Views:CheckpointInterval"] = "00:00:01",
        ["Views:FollowPoll"] = "00:00:00.200",
    };

    [Fact]
    public async Task Restarted_service_fails_a_view_whose_restore_traps_at_the_checkpoint_sequence()
    {
        string prefix, logId, token;
        long checkpoint;
        await using (var first = await ApiFactory.CreateAsync(FastCheckpoints))
        {
            using var client = first.CreateClient();
            var tenant = await TestTenant.RegisterAsync(client);
            tenant.Authorize(client);
            (prefix, token) = (first.StoragePrefix, tenant.AccessToken);
            logId = await client.CreateLogAsync();
            await client.DeployOkAsync(logId, "broken", WatFixtures.Binary("restore_trap"));
            await client.DeployOkAsync(logId, "counter", WatFixtures.Binary("counter"));
            var head = await client.AppendManyAsync(logId, 20);
            Assert.Equal("{\"count\":20}", await client.QueryTextAsync(logId, "broken", after: head));
            await Eventually.TrueAsync(async () => (await client.StatsAsync(logId, "broken")).GetProperty("checkpoint_sequence").GetInt64() == head,
                "a checkpoint", TimeSpan.FromSeconds(30));
            checkpoint = head;
        }

        var restarted = new Dictionary<string, string?>(FastCheckpoints) { ["STORAGE_NAME_PREFIX"] = prefix };
        await using var second = await ApiFactory.CreateAsync(restarted);
        using var again = second.CreateClient();
        again.DefaultRequestHeaders.Authorization = new("Bearer", token);
        using (var response = await again.QueryAsync(logId, "broken", after: checkpoint))
        {
            await response.AssertProblemAsync(System.Net.HttpStatusCode.Conflict, "VIEW_FAILED");
            var problem = await response.ReadJsonAsync();
            Assert.Equal(checkpoint, problem.GetProperty("failed_sequence").GetInt64());
            Assert.Contains("restoring the checkpoint", problem.GetProperty("error").GetString(), StringComparison.Ordinal);
        }

        Assert.Equal($"{{\"count\":{checkpoint}}}", await again.QueryTextAsync(logId, "counter", after: checkpoint));
    }

    [Fact]
    public async Task Restarted_service_restores_the_checkpoint_and_applies_only_the_tail()
    {
        string prefix, logId, token;
        long head;
        await using (var first = await ApiFactory.CreateAsync(FastCheckpoints))
        {
            using var client = first.CreateClient();
            var tenant = await TestTenant.RegisterAsync(client);
            tenant.Authorize(client);
            (prefix, token) = (first.StoragePrefix, tenant.AccessToken);
            logId = await client.CreateLogAsync();
            await client.DeployOkAsync(logId, "counter", WatFixtures.Binary("counter"));
            head = await client.AppendManyAsync(logId, 100_000);
            Assert.Equal("{\"count\":100000}", await client.QueryTextAsync(logId, "counter", after: head));
            await WaitForCheckpointAsync(client, logId, atLeast: 90_000);
        }

        var restarted = new Dictionary<string, string?>(FastCheckpoints) { ["STORAGE_NAME_PREFIX"] = prefix };
        await using var second = await ApiFactory.CreateAsync(restarted);
        using var again = second.CreateClient();
        again.DefaultRequestHeaders.Authorization = new("Bearer", token);
        head = await again.AppendManyAsync(logId, 100);
        Assert.Equal("{\"count\":100100}", await again.QueryTextAsync(logId, "counter", after: head));

        var stats = await again.StatsAsync(logId, "counter");
        var restoredFrom = stats.GetProperty("restored_from_sequence").GetInt64();
        Assert.InRange(restoredFrom, 90_000, 100_000);
        Assert.Equal(stats.GetProperty("processed_sequence").GetInt64() - restoredFrom, stats.GetProperty("events_applied").GetInt64());
    }

    private static async Task WaitForCheckpointAsync(HttpClient client, string logId, long atLeast)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var checkpoint = (await client.StatsAsync(logId, "counter")).GetProperty("checkpoint_sequence").GetInt64();
            if (checkpoint >= atLeast)
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, $"No checkpoint at or after {atLeast} within 20 s (latest {checkpoint}).");
            await Task.Delay(100);
        }
    }
}
