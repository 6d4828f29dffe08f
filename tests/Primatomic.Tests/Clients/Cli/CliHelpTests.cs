using System.CommandLine;
using Primatomic.Cli;

namespace Primatomic.Tests.Clients.Cli;

/// <summary>Every command's help shows at least one example; the top-level help lists the exit codes.</summary>
public sealed class CliHelpTests
{
    [Fact]
    public async Task Every_command_help_shows_an_example()
    {
        using var session = new CliSession();
        var root = CliApp.Build(new CliConsole(Stream.Null, TextWriter.Null, TextWriter.Null, false, false, _ => null));
        var paths = Walk(root, []).ToList();
        Assert.Contains(["views", "deploy"], paths);
        Assert.True(paths.Count >= 20, $"only {paths.Count} commands found");

        foreach (var path in paths)
        {
            var help = await session.RunAsync([.. path, "--help"]);
            Assert.True(help.ExitCode == 0, $"{string.Join(' ', path)}: {help}");
            var examples = help.Output.Split("Examples:\n", 2);
            Assert.True(examples.Length == 2, $"`primatomic {string.Join(' ', path)} --help` shows no example:\n{help.Output}");
            Assert.Contains("primatomic ", examples[1].Split('\n')[0], StringComparison.Ordinal);
        }

        var top = await session.RunAsync("--help");
        Assert.Contains("Exit codes:", top.Output, StringComparison.Ordinal);
        Assert.Contains("2    not found", top.Output, StringComparison.Ordinal);
    }

    private static IEnumerable<string[]> Walk(Command command, string[] path)
    {
        foreach (var sub in command.Subcommands)
        {
            string[] here = [.. path, sub.Name];
            yield return here;
            foreach (var deeper in Walk(sub, here))
            {
                yield return deeper;
            }
        }
    }
}
