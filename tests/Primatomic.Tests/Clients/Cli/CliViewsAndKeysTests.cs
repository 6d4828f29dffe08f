using System.Text.Json;
using Primatomic.Testing;
using Primatomic.Tests.Views;

namespace Primatomic.Tests.Clients.Cli;

/// <summary><c>views</c> and <c>keys</c> against the real service, with the example counter view.</summary>
[Trait("Category", "EndToEnd")]
[Collection(CliSharesOneService.Name)]
public sealed class CliViewsAndKeysTests(CliServiceFixture service)
{
    [Fact]
    public async Task Deployed_view_answers_a_query_after_an_append_with_that_append_in_it()
    {
        ExampleViews.Component("counter");
        var component = RepoPaths.Combine("examples", "views", "counter", "counter.wasm");
        using var session = await service.NewSessionAsync();
        var name = $"views-{Guid.NewGuid():N}";
        (await session.RunAsync("logs", "create", name)).EnsureSuccess();

        var deployed = (await session.RunAsync("views", "deploy", name, "counter", component, "--wait", "--json")).EnsureSuccess().Json();
        Assert.Equal(1, deployed.GetProperty("version").GetInt64());
        Assert.Equal("ready", deployed.GetProperty("status").GetString());

        // Read-after-write: the query with --after the append's sequence counts that append, with no waiting in between.
        var sequence = (await session.RunAsync("append", name, "{\"type\":\"order_placed\"}")).EnsureSuccess().Output.Trim();
        var answer = (await session.RunAsync("views", "query", name, "counter", "--after", sequence)).EnsureSuccess();
        Assert.Equal("{\"count\":1}", answer.Output.Trim());
        var json = (await session.RunAsync("views", "query", name, "counter", "--after", sequence, "--json")).EnsureSuccess().Json();
        Assert.Equal(1, json.GetProperty("output").GetProperty("count").GetInt64());

        var listed = (await session.RunAsync("views", "list", name, "--json")).EnsureSuccess().Json();
        Assert.Equal("counter", Assert.Single(listed.GetProperty("views").EnumerateArray()).GetProperty("view_name").GetString());
        var stats = (await session.RunAsync("views", "stats", name, "counter", "--json")).EnsureSuccess().Json();
        Assert.Equal("running", stats.GetProperty("status").GetString());
        Assert.Equal(1, stats.GetProperty("head_sequence").GetInt64());
        Assert.Contains("processed / head", (await session.RunAsync("views", "stats", name, "counter")).EnsureSuccess().Output, StringComparison.Ordinal);

        // A redeploy on a terminal: progress on stderr, the new version alone on stdout.
        session.ErrorIsTerminal = true;
        var redeployed = (await session.RunAsync("views", "deploy", name, "counter", component)).EnsureSuccess();
        Assert.Equal("2", redeployed.Output.Trim());
        Assert.Contains("deploying counter.wasm", redeployed.Error, StringComparison.Ordinal);
        session.ErrorIsTerminal = false;

        // Beyond the head is the caller's mistake (exit 1); a deleted view is gone (exit 2).
        Assert.Equal(1, (await session.RunAsync("views", "query", name, "counter", "--after", "99")).ExitCode);
        (await session.RunAsync("views", "delete", name, "counter")).EnsureSuccess();
        Assert.Equal(2, (await session.RunAsync("views", "stats", name, "counter")).ExitCode);
    }

    [Fact]
    public async Task Keys_create_list_and_revoke_and_a_revoked_key_signs_in_no_more()
    {
        using var session = await service.NewSessionAsync();
        var created = (await session.RunAsync("keys", "create", "reader", "--scope", "logs:read", "--json")).EnsureSuccess().Json();
        var keyId = created.GetProperty("key_id").GetString()!;
        var secret = created.GetProperty("api_key").GetString()!;
        Assert.StartsWith("pk_", secret, StringComparison.Ordinal);

        var listed = (await session.RunAsync("keys", "list", "--json")).EnsureSuccess();
        Assert.DoesNotContain(secret, listed.Output, StringComparison.Ordinal);
        var key = Assert.Single(listed.Json().GetProperty("keys").EnumerateArray(), k => k.GetProperty("key_id").GetString() == keyId);
        Assert.Equal(["logs:read"], key.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()));

        (await session.RunAsync(["profile", "set", "reader", "--url", service.Url, "--api-key-stdin"], secret)).EnsureSuccess();
        (await session.RunAsync("logs", "list", "--profile", "reader")).EnsureSuccess();
        Assert.Equal(4, (await session.RunAsync("logs", "create", $"denied-{Guid.NewGuid():N}", "--profile", "reader")).ExitCode);

        (await session.RunAsync("keys", "revoke", keyId)).EnsureSuccess();
        var refused = await session.RunAsync("logs", "list", "--profile", "reader", "--json");
        Assert.Equal(4, refused.ExitCode);
        Assert.Equal("UNAUTHENTICATED", JsonDocument.Parse(refused.Error).RootElement.GetProperty("error").GetProperty("code").GetString());
        Assert.Equal(2, (await session.RunAsync("keys", "revoke", keyId)).ExitCode);
    }
}
