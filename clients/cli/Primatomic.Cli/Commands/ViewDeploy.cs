using System.CommandLine;
using Primatomic.Cli.Help;
using Primatomic.Client;

namespace Primatomic.Cli.Commands;

/// <summary>
/// <c>views deploy</c>: uploads a component (the service compiles it before it answers, which can take seconds), and
/// with <c>--wait</c> waits until an instance leads the view. A terminal shows progress on stderr meanwhile.
/// </summary>
internal static class ViewDeploy
{
    public static Command Create(CliConsole console)
    {
        var log = LogArgument.Create();
        var view = ViewsCommands.ViewArgument();
        var file = new Argument<FileInfo>("component") { Description = "The view's WebAssembly component (.wasm)" };
        var wait = new Option<bool>("--wait") { Description = "Then wait until an instance leads the view (or it fails)" };
        var timeout = new Option<TimeSpan>("--timeout") { Description = "How long --wait waits (e.g. 00:00:30)", DefaultValueFactory = _ => TimeSpan.FromSeconds(30) };
        var command = new Command("deploy", "Deploy (or replace) a view from a .wasm component; prints its version") { log, view, file, wait, timeout };
        command.WithExamples(
            "primatomic views deploy orders counter examples/views/counter/counter.wasm",
            "primatomic views deploy $LOG_ID counter counter.wasm --wait --json");
        command.RunWith(console, async (run, cancellationToken) =>
        {
            var component = run.Get(file)!;
            if (!component.Exists)
            {
                throw CliException.Usage($"No such file: {component.FullName}");
            }

            var bytes = await File.ReadAllBytesAsync(component.FullName, cancellationToken);
            using var client = run.Connect();
            var logId = await LogArgument.ResolveAsync(client, run.Get(log)!, cancellationToken);
            var name = run.Get(view)!;
            var deployed = await run.Progress.RunAsync(
                $"deploying {component.Name} ({bytes.Length / 1024} KiB): uploading and compiling",
                null,
                _ => client.Views.DeployAsync(logId, name, bytes, cancellationToken));
            string? status = null;
            if (run.Get(wait))
            {
                status = await run.Progress.RunAsync(
                    $"waiting for an instance to lead {name}",
                    null,
                    _ => WaitForLeaderAsync(client, logId, name, run.Get(timeout), cancellationToken));
            }

            run.Output.Result(
                new { log_id = logId, view = name, version = deployed.Version, content_hash = deployed.ContentHash, status },
                o =>
                {
                    o.Line(deployed.Version.ToString(System.Globalization.CultureInfo.InvariantCulture));
                    o.Note($"Deployed {name} version {deployed.Version}{(status is null ? "" : $": {status}")}.");
                });
            return status == "failed" ? ExitCodes.Conflict : ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>Polls the view's stats until it is led (<c>ready</c>) or has failed, within <paramref name="timeout"/>.</summary>
    private static async Task<string> WaitForLeaderAsync(PrimatomicClient client, string logId, string view, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (true)
        {
            var stats = await client.Views.GetStatsAsync(logId, view, cancellationToken);
            if (stats.Status == "failed")
            {
                return "failed";
            }

            if (stats.LeaderStatus == "ready")
            {
                return "ready";
            }

            if (DateTimeOffset.UtcNow > deadline)
            {
                throw new CliException(ExitCodes.Unavailable, $"No instance led {view} within {timeout.TotalSeconds:F0} s; see `primatomic views stats`.");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken);
        }
    }
}
