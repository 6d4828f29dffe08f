using System.Text;
using Primatomic.Client;
using Primatomic.Tests.Views;

namespace Primatomic.Tests.Clients.CSharp;

/// <summary>The C# client's views methods against the real service, with the example counter view.</summary>
[Collection(SharesOneService.Name)]
[Trait("Category", "EndToEnd")]
public sealed class ViewsClientTests(ClientService service)
{
    [Fact]
    public async Task Deploy_list_stats_query_and_delete_round_trip()
    {
        using var client = service.KeyClient();
        var logId = await client.Logs.CreateAsync(ClientService.UniqueName("views"));
        await client.Logs.AppendAsync(logId, "{\"n\":1}"u8.ToArray());

        var deployed = await client.Views.DeployAsync(logId, "counter", ExampleViews.Component("counter"));
        Assert.Equal(1, deployed.Version);
        Assert.Equal(["counter"], (await client.Views.ListAsync(logId)).Select(view => view.ViewName));
        Assert.Equal("{\"count\":1}", Encoding.UTF8.GetString(await client.Views.QueryAsync(logId, "counter", after: 1)));
        var stats = await client.Views.GetStatsAsync(logId, "counter");
        Assert.Equal(("counter", "running", 1L), (stats.ViewName, stats.Status, stats.HeadSequence));

        await client.Views.DeleteAsync(logId, "counter");

        Assert.Empty(await client.Views.ListAsync(logId));
        var gone = await Assert.ThrowsAsync<PrimatomicNotFoundException>(() => client.Views.GetStatsAsync(logId, "counter"));
        Assert.Equal(ErrorCodes.NotFound, gone.Code);
    }

    [Fact]
    public async Task QueryAsync_after_the_callers_own_append_sees_it()
    {
        using var client = service.KeyClient();
        var logId = await client.Logs.CreateAsync(ClientService.UniqueName("raw"));
        await client.Views.DeployAsync(logId, "counter", ExampleViews.Component("counter"));

        for (var i = 1; i <= 5; i++)
        {
            // Each query names the caller's own append: it never answers a count that misses it, and nothing sleeps.
            var appended = await client.Logs.AppendAsync(logId, Encoding.UTF8.GetBytes($"{{\"n\":{i}}}"));
            var answer = await client.Views.QueryAsync(logId, "counter", after: appended.Sequence);
            Assert.Equal($"{{\"count\":{i}}}", Encoding.UTF8.GetString(answer));
        }

        var beyond = await Assert.ThrowsAsync<PrimatomicValidationException>(() => client.Views.QueryAsync(logId, "counter", after: 99));
        Assert.Equal((ErrorCodes.AfterBeyondHead, 5L), (beyond.Code, beyond.Extension("head_sequence")?.GetInt64()));
    }

    [Fact]
    public async Task The_wit_is_served_anonymously()
    {
        using var anonymous = service.Client();
        Assert.Contains("package primatomic:machine", await anonymous.Views.GetWitAsync(), StringComparison.Ordinal);
    }
}
