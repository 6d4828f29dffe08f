using System.Text;
using System.Text.Json;
using Primatomic.Tests.Views;

namespace Primatomic.Tests.Clients.Cli;

/// <summary>The CLI's log commands, output modes, config file and exit codes, run in-process against the real service.</summary>
[Trait("Category", "EndToEnd")]
[Collection(CliSharesOneService.Name)]
public sealed class CliCommandTests(CliServiceFixture service)
{
    [Fact]
    public async Task Config_file_is_readable_and_writable_by_its_owner_only()
    {
        using var session = await service.NewSessionAsync();

        Assert.True(File.Exists(session.ConfigPath));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(session.ConfigPath));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.GetDirectoryName(session.ConfigPath)!));
        }

        // Rewritten atomically: no temporary file is left beside it.
        (await session.RunAsync("profile", "set", "second", "--url", service.Url)).EnsureSuccess();
        Assert.Single(Directory.GetFiles(Path.GetDirectoryName(session.ConfigPath)!));

        // A password sign-in never silently replaces the current profile's API key.
        var login = await session.RunAsync(["login", "--email", service.Owner.Email, "--password-stdin"], service.Owner.Password);
        Assert.Equal(1, login.ExitCode);
        Assert.Contains("--profile NAME", login.Error, StringComparison.Ordinal);

        var listed = (await session.RunAsync("profile", "list", "--json")).EnsureSuccess();
        Assert.DoesNotContain(service.ApiKey, listed.Output, StringComparison.Ordinal);
        var profiles = listed.Json().GetProperty("profiles").EnumerateArray().ToList();
        Assert.Equal(["second", "test"], profiles.Select(p => p.GetProperty("name").GetString()));
        Assert.True(profiles[1].GetProperty("current").GetBoolean());
        Assert.Equal("api key", profiles[1].GetProperty("credentials").GetString());
    }

    [Fact]
    public async Task Logs_create_list_and_get_answer_json_that_parses()
    {
        using var session = await service.NewSessionAsync();
        var name = $"orders-{Guid.NewGuid():N}";

        var created = (await session.RunAsync("logs", "create", name, "--json")).EnsureSuccess();
        var logId = created.Json().GetProperty("log_id").GetString()!;
        Assert.True(Guid.TryParse(logId, out _));

        // Without --json, create prints the id alone, for LOG_ID=$(primatomic logs create ...).
        var plain = (await session.RunAsync("logs", "create", $"{name}-2")).EnsureSuccess();
        Assert.True(Guid.TryParse(plain.Output.Trim(), out _), plain.ToString());

        var listed = (await session.RunAsync("logs", "list", "--json")).EnsureSuccess();
        Assert.Contains(listed.Json().GetProperty("logs").EnumerateArray(), l => l.GetProperty("log_id").GetString() == logId);

        var byName = (await session.RunAsync("logs", "get", name, "--json")).EnsureSuccess().Json();
        Assert.Equal(logId, byName.GetProperty("log_id").GetString());
        Assert.Equal(0, byName.GetProperty("head_sequence").GetInt64());
    }

    [Fact]
    public async Task Append_from_argument_file_and_stdin_then_tail_prints_them_in_order()
    {
        using var session = await service.NewSessionAsync();
        var logId = (await session.RunAsync("logs", "create", $"app-{Guid.NewGuid():N}")).EnsureSuccess().Output.Trim();
        var file = Path.Combine(session.Folder, "event.json");
        await File.WriteAllTextAsync(file, "{\"from\":\"file\"}");

        Assert.Equal("1", (await session.RunAsync("append", logId, "{\"from\":\"argument\"}", "--expected-sequence", "0")).EnsureSuccess().Output.Trim());
        Assert.Equal("2", (await session.RunAsync("append", logId, "--file", file)).EnsureSuccess().Output.Trim());
        var fromStdin = (await session.RunAsync(["append", logId, "--json"], "{\"from\":\"stdin\"}")).EnsureSuccess();
        Assert.Equal(3, fromStdin.Json().GetProperty("sequence").GetInt64());

        var tailed = (await session.RunAsync("tail", logId, "--json")).EnsureSuccess();
        var events = tailed.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement).ToList();
        Assert.Equal([1L, 2L, 3L], events.Select(e => e.GetProperty("sequence").GetInt64()));
        Assert.Equal(["{\"from\":\"argument\"}", "{\"from\":\"file\"}", "{\"from\":\"stdin\"}"],
            events.Select(e => Encoding.UTF8.GetString(Convert.FromBase64String(e.GetProperty("data").GetString()!))));

        var text = (await session.RunAsync("tail", logId, "--after", "2", "--format", "raw")).EnsureSuccess();
        Assert.Equal("{\"from\":\"stdin\"}", text.Output.Trim());
    }

    [Fact]
    public async Task Append_lines_sends_each_line_as_its_own_event_in_batches()
    {
        using var session = await service.NewSessionAsync();
        var name = $"lines-{Guid.NewGuid():N}";
        (await session.RunAsync("logs", "create", name)).EnsureSuccess();
        var file = Path.Combine(session.Folder, "events.ndjson");
        await File.WriteAllLinesAsync(file, Enumerable.Range(1, 250).Select(i => $"{{\"n\":{i}}}").Append(""));

        var run = (await session.RunAsync("append", name, "--lines", "--file", file, "--expected-sequence", "0", "--json")).EnsureSuccess();
        Assert.Equal("", run.Error); // no progress bar where stderr is not a terminal, and no notes with --json
        var appended = run.Json();
        Assert.Equal(250, appended.GetProperty("events").GetInt32());
        Assert.Equal(3, appended.GetProperty("batches").GetInt32());
        Assert.Equal(1, appended.GetProperty("first_sequence").GetInt64());
        Assert.Equal(250, appended.GetProperty("last_sequence").GetInt64());

        // On a terminal, progress goes to stderr and stdout still holds only the answer.
        session.ErrorIsTerminal = true;
        var fromStdin = (await session.RunAsync(["append", name, "--lines", "--batch-size", "2"], "a\nb\r\nc\n")).EnsureSuccess();
        Assert.Contains("appending stdin", fromStdin.Error, StringComparison.Ordinal);
        Assert.Equal("253", fromStdin.Output.Trim());
        var last = (await session.RunAsync("tail", name, "--after", "250", "--format", "raw")).EnsureSuccess();
        Assert.Equal("a\nb\nc\n", last.Output.Replace("\r\n", "\n", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Exit_codes_say_not_found_conflict_auth_and_usage()
    {
        using var session = await service.NewSessionAsync();
        var name = $"codes-{Guid.NewGuid():N}";
        (await session.RunAsync("logs", "create", name)).EnsureSuccess();

        var missing = await session.RunAsync("logs", "get", Guid.NewGuid().ToString(), "--json");
        Assert.Equal(2, missing.ExitCode);
        Assert.Equal("", missing.Output);
        Assert.Equal("NOT_FOUND", JsonDocument.Parse(missing.Error).RootElement.GetProperty("error").GetProperty("code").GetString());
        Assert.Equal(2, (await session.RunAsync("logs", "get", "no-such-log")).ExitCode);

        Assert.Equal(3, (await session.RunAsync("logs", "create", name)).ExitCode);
        (await session.RunAsync("append", name, "first")).EnsureSuccess();
        var mismatch = await session.RunAsync("append", name, "stale", "--expected-sequence", "0");
        Assert.Equal(3, mismatch.ExitCode);
        Assert.Contains("SEQUENCE_MISMATCH", mismatch.Error, StringComparison.Ordinal);

        (await session.RunAsync("profile", "set", "bad", "--url", service.Url, "--api-key", "pk_not_a_real_key")).EnsureSuccess();
        Assert.Equal(4, (await session.RunAsync("logs", "list", "--profile", "bad")).ExitCode);
        using var nobody = new CliSession();
        Assert.Equal(4, (await nobody.RunAsync("logs", "list")).ExitCode);

        Assert.Equal(1, (await session.RunAsync("logs", "list", "--no-such-option")).ExitCode);
        Assert.Equal(1, (await session.RunAsync("append", name, "--file", Path.Combine(session.Folder, "missing.txt"))).ExitCode);
    }

    [Fact]
    public async Task Url_and_api_key_from_the_environment_need_no_config_file()
    {
        using var session = new CliSession();
        session.Environment["PRIMATOMIC_URL"] = service.Url;
        session.Environment["PRIMATOMIC_API_KEY"] = service.ApiKey;

        var name = $"env-{Guid.NewGuid():N}";
        (await session.RunAsync("logs", "create", name)).EnsureSuccess();
        Assert.Equal(name, (await session.RunAsync("logs", "get", name, "--json")).EnsureSuccess().Json().GetProperty("name").GetString());
        Assert.False(File.Exists(session.ConfigPath));
    }

    [Fact]
    public async Task Append_lines_from_a_live_pipe_sends_each_line_when_the_input_pauses()
    {
        using var session = await service.NewSessionAsync();
        var name = $"pipe-{Guid.NewGuid():N}";
        (await session.RunAsync("logs", "create", name)).EnsureSuccess();
        var pipe = new System.IO.Pipelines.Pipe();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var appending = session.RunAsync(["append", name, "--lines"], pipe.Reader.AsStream(), deadline.Token);

        // The first line is sent while the pipe stays open: the batch is not held until it fills.
        await pipe.Writer.WriteAsync("one\n"u8.ToArray(), deadline.Token);
        await Eventually.TrueAsync(
            async () => (await session.RunAsync("logs", "get", name, "--json")).EnsureSuccess().Json().GetProperty("head_sequence").GetInt64() >= 1,
            "the first line stored while the pipe stays open", TimeSpan.FromSeconds(30));

        await pipe.Writer.WriteAsync("two\n"u8.ToArray(), deadline.Token);
        await pipe.Writer.CompleteAsync();
        var result = (await appending).EnsureSuccess();
        Assert.Equal("2", result.Output.Trim());
        Assert.Contains("in 2 batches", result.Error, StringComparison.Ordinal);
    }
}
