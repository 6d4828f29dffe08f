using System.CommandLine;
using Primatomic.Cli.Commands;
using Primatomic.Cli.Help;

namespace Primatomic.Cli;

/// <summary>The <c>primatomic</c> command tree and its one entry point, used by the tool and, in-process, by tests.</summary>
internal static class CliApp
{
    public static async Task<int> RunAsync(string[] args, CliConsole console, CancellationToken cancellationToken = default)
    {
        var root = Build(console);
        var parsed = root.Parse(args);
        var configuration = new InvocationConfiguration
        {
            Output = console.Output,
            Error = console.Error,
            // No stack traces, ever: CommandAction maps every failure to one line and an exit code, and the catch
            // below does the same for anything thrown outside a command's body.
            EnableDefaultExceptionHandler = false,
        };
        try
        {
            return await parsed.InvokeAsync(configuration, cancellationToken);
        }
        catch (Exception e)
        {
            return CommandAction.Fail(console, args.Contains("--json", StringComparer.Ordinal), e, cancellationToken);
        }
        finally
        {
            await console.Output.FlushAsync(CancellationToken.None);
            await console.Error.FlushAsync(CancellationToken.None);
        }
    }

    internal static RootCommand Build(CliConsole console)
    {
        var root = new RootCommand(
            "primatomic: work with Primatomic event logs and views from the command line. Appends are safe to retry: "
            + "each carries an Idempotency-Key and the client retries transient failures with it, so an event is "
            + "never stored twice.")
        {
            GlobalOptions.Profile,
            GlobalOptions.Json,
        };
        root.Subcommands.Add(ProfileCommands.Create(console));
        root.Subcommands.Add(LoginCommand.Create(console));
        root.Subcommands.Add(LogsCommands.Create(console));
        root.Subcommands.Add(AppendCommand.Create(console));
        root.Subcommands.Add(TailCommand.Create(console));
        root.Subcommands.Add(ViewsCommands.Create(console));
        root.Subcommands.Add(KeysCommands.Create(console));
        root.WithExamples(
            "primatomic profile set local --url http://127.0.0.1:7071 --api-key-stdin < key.txt",
            "LOG_ID=$(primatomic logs create orders)",
            "SEQ=$(primatomic append $LOG_ID '{\"type\":\"order_placed\"}')",
            "primatomic views query $LOG_ID counter --after $SEQ",
            "primatomic tail orders --follow --checkpoint orders.pos");
        HelpWithExamples.Install(root);
        return root;
    }
}
