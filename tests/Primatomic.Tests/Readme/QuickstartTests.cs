using System.Diagnostics;
using System.Text.RegularExpressions;
using Primatomic.Testing;

namespace Primatomic.Tests.Readme;

/// <summary>
/// Replays the README quickstart, character for character, against a real <c>scripts/dev</c>: if the docs and the
/// service drift apart, this fails.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed partial class QuickstartTests
{
    [Fact]
    public async Task Readme_quickstart_works_against_scripts_dev_exactly_as_written()
    {
        await using var dev = await DevServer.StartAsync();
        Assert.Contains("admin password: set by ADMIN_PASSWORD", dev.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("dev-admin-password", dev.Output, StringComparison.Ordinal); // says where it is set, never prints it

        var script = QuickstartScript().Replace("http://127.0.0.1:7071", $"http://127.0.0.1:{dev.Port}", StringComparison.Ordinal);
        var (exitCode, output) = await RunBashAsync(script);

        Assert.True(exitCode == 0, $"quickstart failed ({exitCode}):\n{output}\n--- scripts/dev ---\n{dev.Output}");
        Assert.Contains("{\"success\":true,\"sequence\":1}", output, StringComparison.Ordinal);
        // The events read back carry the appended bytes, base64-encoded.
        Assert.Contains(Convert.ToBase64String("{\"type\":\"order_placed\",\"order_id\":1}"u8.ToArray()), output, StringComparison.Ordinal);
        // The view reflects the first event, then all 1,001 right after the last append, with no sleep in between.
        Assert.Contains("{\"count\":1}", output, StringComparison.Ordinal);
        Assert.Contains("{\"count\":1001}", output, StringComparison.Ordinal);

        Assert.True(await dev.InterruptAsync(), "scripts/dev did not stop on Ctrl-C");
        Assert.Contains("== stopped", dev.Output, StringComparison.Ordinal);
    }

    /// <summary>The bash blocks between the quickstart markers in README.md, in order.</summary>
    internal static string QuickstartScript()
    {
        var readme = File.ReadAllText(RepoPaths.Combine("README.md"));
        var section = QuickstartSection().Match(readme);
        Assert.True(section.Success, "README.md has no <!-- quickstart:begin --> ... <!-- quickstart:end --> section");
        var blocks = BashBlock().Matches(section.Groups[1].Value).Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(blocks);
        return string.Join("\n", blocks);
    }

    private static async Task<(int ExitCode, string Output)> RunBashAsync(string script)
    {
        var start = new ProcessStartInfo("bash", ["-euo", "pipefail", "-c", script])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepoPaths.Root,
        };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(8));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }

    [GeneratedRegex(@"<!-- quickstart:begin -->(.*?)<!-- quickstart:end -->", RegexOptions.Singleline)]
    private static partial Regex QuickstartSection();

    [GeneratedRegex(@"```bash\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex BashBlock();
}
