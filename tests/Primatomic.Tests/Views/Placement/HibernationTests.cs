using Microsoft.Extensions.DependencyInjection;
using Primatomic.Functions.Views;
using Primatomic.Tests.Infrastructure;
using Primatomic.Tests.Logs;

namespace Primatomic.Tests.Views.Placement;

/// <summary>
/// An idle led view is checkpointed and lets its instance go; its next event or query brings it back from that
/// checkpoint with exactly the state it had (nothing replayed twice, nothing lost).
/// </summary>
public sealed class HibernationTests : TenantApiTests
{
    protected override IReadOnlyDictionary<string, string?>? Settings => new Dictionary<string, string?>
    {
        ["Views:HibernateAfter"] = "00:00:01",
        ["Views:CheckpointInterval"] = "00:00:00.200",
        ["Views:SupervisePoll"] = "00:00:00.200",
    };

    [Fact]
    public async Task Idle_led_view_hibernates_and_wakes_with_the_same_state_for_events_and_queries()
    {
        var logId = await Client.CreateLogAsync();
        await Client.DeployOkAsync(logId, "counter", WatFixtures.Binary("counter"));
        var head = await Client.AppendManyAsync(logId, 10);
        Assert.Equal($"{{\"count\":{head}}}", await Client.QueryTextAsync(logId, "counter", after: head));
        var replicas = Api.Services.GetRequiredService<ViewReplicas>();
        await Eventually.TrueAsync(() => Task.FromResult(replicas.Find(logId, "counter") is { IsLeader: true }), "the view to be led here",
            TimeSpan.FromSeconds(20));
        var replica = replicas.Find(logId, "counter")!;

        await Eventually.TrueAsync(() => Task.FromResult(replica.IsHibernating), "the idle view to hibernate", TimeSpan.FromSeconds(20));
        Assert.Equal(head, replica.CheckpointSequence);

        // An event wakes it from the checkpoint.
        head = await Client.AppendManyAsync(logId, 5);
        Assert.Equal($"{{\"count\":{head}}}", await Client.QueryTextAsync(logId, "counter", after: head));

        // So does a query.
        await Eventually.TrueAsync(() => Task.FromResult(replica.IsHibernating), "the view to hibernate again", TimeSpan.FromSeconds(20));
        Assert.Equal($"{{\"count\":{head}}}", await Client.QueryTextAsync(logId, "counter"));
        Assert.False(replica.IsHibernating);
    }
}
