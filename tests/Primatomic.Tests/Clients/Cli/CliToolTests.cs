using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Primatomic.Testing;
using Primatomic.Tests.Views;

namespace Primatomic.Tests.Clients.Cli;

/// <summary>
/// The packed tool installed from artifacts/packages and run as its own process, as users run it: its version, a
/// command against the real service, and the README's CLI section replayed as written.
/// </summary>
[Trait("Category", "EndToEnd")]
[Collection(CliSharesOneService.Name)]
public sealed partial class CliToolTests(CliServiceFixture service)
{
    [Fact]
    public async Task Installed_tool_prints_its_version_and_runs_commands_against_the_service()
    {
        var primatomic = Path.Combine(await InstalledTool.FolderAsync(), "primatomic");
        var version = (await ToolProcess.RunAsync(primatomic, ["--version"])).EnsureSuccess();
        Assert.Equal("0.1.0", version.Output.Trim());

        using var session = new CliSession();
        var environment = new Dictionary<string, string> { ["PRIMATOMIC_CONFIG"] = session.ConfigPath };
        (await ToolProcess.RunAsync(primatomic, ["profile", "set", "tool", "--url", service.Url, "--api-key-stdin"], environment, service.ApiKey)).EnsureSuccess();
        var created = (await ToolProcess.RunAsync(primatomic, ["logs", "create", $"tool-{Guid.NewGuid():N}", "--json"], environment)).EnsureSuccess();
        var logId = created.Json().GetProperty("log_id").GetString()!;
        Assert.Equal("1", (await ToolProcess.RunAsync(primatomic, ["append", logId], environment, "from a real process")).EnsureSuccess().Output.Trim());

        var missing = await ToolProcess.RunAsync(primatomic, ["logs", "get", Guid.NewGuid().ToString()], environment);
        Assert.Equal(2, missing.ExitCode);
        Assert.StartsWith("primatomic: 404 NOT_FOUND", missing.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Readme_cli_section_works_against_the_service_exactly_as_written()
    {
        ExampleViews.Component("counter");
        var tools = await InstalledTool.FolderAsync();
        using (var http = service.Service.CreateClient())
        {
            using var registered = await http.PostAsJsonAsync(
                new Uri("/auth/register", UriKind.Relative), new { email = "owner@example.com", password = "correct-horse-battery" });
            Assert.True(registered.IsSuccessStatusCode, await registered.Content.ReadAsStringAsync());
        }

        using var session = new CliSession();
        var script = Section().Replace("http://127.0.0.1:7071", service.Url, StringComparison.Ordinal);
        var result = await ToolProcess.RunAsync(
            "bash",
            ["-euo", "pipefail", "-c", script],
            new Dictionary<string, string>
            {
                ["PATH"] = $"{tools}:{Environment.GetEnvironmentVariable("PATH")}",
                ["PRIMATOMIC_CONFIG"] = session.ConfigPath,
            },
            workingDirectory: RepoPaths.Root);

        Assert.True(result.ExitCode == 0, result.ToString());
        var lines = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(
            ["1", "500", "1", "{\"count\":501}", "{\"type\":\"shipped\",\"order_id\":500}", "{\"type\":\"shipped\",\"order_id\":501}", "501"],
            lines.Skip(1));
        Assert.True(Guid.TryParse(lines[0], out _), result.ToString());
    }

    /// <summary>The bash blocks between the CLI markers in README.md, in order.</summary>
    private static string Section()
    {
        var readme = File.ReadAllText(RepoPaths.Combine("README.md"));
        var section = SectionPattern().Match(readme);
        Assert.True(section.Success, "README.md has no <!-- cli:begin --> ... <!-- cli:end --> section");
        return string.Join("\n", BashBlock().Matches(section.Groups[1].Value).Select(m => m.Groups[1].Value));
    }

    [GeneratedRegex(@"<!-- cli:begin -->(.*?)<!-- cli:end -->", RegexOptions.Singleline)]
    private static partial Regex SectionPattern();

    [GeneratedRegex(@"```bash\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex BashBlock();
}
