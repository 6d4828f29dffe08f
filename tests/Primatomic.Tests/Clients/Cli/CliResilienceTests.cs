using System.Text.Json;
using Primatomic.Testing;

namespace Primatomic.Tests.Clients.Cli;

/// <summary>
/// What sets the CLI apart: an append whose answer is lost is retried and stored once, a keyed <c>append --lines</c>
/// can be re-run without storing anything twice, and <c>tail</c> stops at exactly <c>--count</c> and, with
/// <c>--follow</c>, carries on across a service restart (and, with <c>--checkpoint</c>, across a restart of the CLI)
/// without losing or repeating an event.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class CliResilienceTests(CliServiceFixture service) : IClassFixture<CliServiceFixture>
{
    [Fact]
    public async Task Append_retried_after_a_dropped_answer_is_stored_once()
    {
        await using var proxy = await ResponseDroppingProxy.StartAsync(service.Service.BaseAddress);
        using var session = await service.NewSessionAsync(proxy.BaseAddress.ToString());
        var logId = (await session.RunAsync("logs", "create", $"dropped-{Guid.NewGuid():N}")).EnsureSuccess().Output.Trim();

        proxy.DropNextResponse(HttpMethod.Post, "/append");
        var appended = (await session.RunAsync("append", logId, "only-once", "--json")).EnsureSuccess();
        Assert.Equal(1, proxy.DroppedCount);
        Assert.Equal(1, appended.Json().GetProperty("sequence").GetInt64());

        proxy.DropNextResponse(HttpMethod.Post, "/append-batch");
        var lines = (await session.RunAsync(["append", logId, "--lines", "--json"], "a\nb\nc\n")).EnsureSuccess().Json();
        Assert.Equal(2, proxy.DroppedCount);
        Assert.Equal(2, lines.GetProperty("first_sequence").GetInt64());
        Assert.Equal(4, lines.GetProperty("last_sequence").GetInt64());

        var log = (await session.RunAsync("logs", "get", logId, "--json")).EnsureSuccess().Json();
        Assert.Equal(4, log.GetProperty("head_sequence").GetInt64());
        var stored = (await session.RunAsync("tail", logId, "--format", "raw")).EnsureSuccess().Output;
        Assert.Equal("only-once\na\nb\nc\n", stored.Replace("\r\n", "\n", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Tail_follow_resumes_without_loss_or_duplicates_after_the_service_restarts()
    {
        using var session = await service.NewSessionAsync();
        var name = $"restart-{Guid.NewGuid():N}";
        var logId = (await session.RunAsync("logs", "create", name)).EnsureSuccess().Output.Trim();
        var checkpoint = Path.Combine(session.Folder, "tail.pos");
        var output = new LineWriter();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var tail = session.RunAsync(["tail", name, "--follow", "--json", "--count", "10", "--poll-wait", "2", "--checkpoint", checkpoint], output, deadline.Token);

        for (var i = 1; i <= 5; i++)
        {
            (await session.RunAsync("append", logId, $"before-{i}")).EnsureSuccess();
        }

        await output.WaitForLinesAsync(5, deadline.Token);
        await service.Service.RestartAsync();
        for (var i = 1; i <= 5; i++)
        {
            (await session.RunAsync("append", logId, $"after-{i}")).EnsureSuccess();
        }

        var result = await tail;
        Assert.True(result.ExitCode == 0, result.ToString() + output.Text);
        Assert.Equal(Enumerable.Range(1, 10).Select(i => (long)i), output.Lines().Select(l => JsonDocument.Parse(l).RootElement.GetProperty("sequence").GetInt64()));
        Assert.Equal("10", (await File.ReadAllTextAsync(checkpoint, deadline.Token)).Trim());

        // A new run of the CLI resumes after its checkpoint: only the events it has not printed yet.
        (await session.RunAsync("append", logId, "later")).EnsureSuccess();
        var resumed = (await session.RunAsync("tail", name, "--checkpoint", checkpoint, "--format", "raw")).EnsureSuccess();
        Assert.Equal("later", resumed.Output.Trim());
        Assert.Equal("11", (await File.ReadAllTextAsync(checkpoint, deadline.Token)).Trim());
    }

    [Fact]
    public async Task Append_lines_from_a_file_with_an_idempotency_key_run_twice_stores_the_lines_once()
    {
        using var session = await service.NewSessionAsync();
        var name = $"rerun-{Guid.NewGuid():N}";
        (await session.RunAsync("logs", "create", name)).EnsureSuccess();
        var file = Path.Combine(session.Folder, "import.ndjson");
        await File.WriteAllLinesAsync(file, Enumerable.Range(1, 150).Select(i => $"{{\"n\":{i}}}"));
        string[] import = ["append", name, "--lines", "--file", file, "--idempotency-key", $"import-{Guid.NewGuid():N}", "--json"];

        var first = (await session.RunAsync(import)).EnsureSuccess().Json();
        var second = (await session.RunAsync(import)).EnsureSuccess().Json();

        Assert.Equal(150, first.GetProperty("last_sequence").GetInt64());
        Assert.Equal(1, second.GetProperty("first_sequence").GetInt64()); // the original sequences, answered again
        Assert.Equal(150, second.GetProperty("last_sequence").GetInt64());
        Assert.Equal(150, (await session.RunAsync("logs", "get", name, "--json")).EnsureSuccess().Json().GetProperty("head_sequence").GetInt64());
    }

    [Fact]
    public async Task Tail_count_prints_and_checkpoints_exactly_that_many_events_with_and_without_follow()
    {
        using var session = await service.NewSessionAsync();
        var name = $"count-{Guid.NewGuid():N}";
        (await session.RunAsync("logs", "create", name)).EnsureSuccess();
        (await session.RunAsync(["append", name, "--lines"], string.Join("\n", Enumerable.Range(1, 20)))).EnsureSuccess();
        var checkpoint = Path.Combine(session.Folder, "count.pos");

        // All 20 come back in one page: only the first 5 are printed, and the checkpoint says 5.
        var read = (await session.RunAsync("tail", name, "--count", "5", "--checkpoint", checkpoint, "--format", "raw")).EnsureSuccess();
        Assert.Equal(["1", "2", "3", "4", "5"], read.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')));
        Assert.Equal("5", (await File.ReadAllTextAsync(checkpoint)).Trim());
        Assert.Empty(Directory.GetFiles(session.Folder, "*.tmp", SearchOption.AllDirectories));

        var followed = (await session.RunAsync("tail", name, "--follow", "--count", "5", "--checkpoint", checkpoint, "--format", "raw")).EnsureSuccess();
        Assert.Equal(["6", "7", "8", "9", "10"], followed.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')));
        Assert.Equal("10", (await File.ReadAllTextAsync(checkpoint)).Trim());
        Assert.Equal(1, (await session.RunAsync("tail", name, "--count", "0")).ExitCode);
    }
}
