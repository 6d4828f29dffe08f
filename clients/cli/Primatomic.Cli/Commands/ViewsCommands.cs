using System.CommandLine;
using System.Globalization;
using Primatomic.Cli.Help;
using Primatomic.Cli.Output;

namespace Primatomic.Cli.Commands;

/// <summary><c>views deploy|list|stats|query|delete</c>: WebAssembly views over a log.</summary>
internal static class ViewsCommands
{
    public static Command Create(CliConsole console)
    {
        var command = new Command("views", "Deploy, inspect, query and delete views (WebAssembly components that fold a log into state)")
        {
            ViewDeploy.Create(console), List(console), Stats(console), ViewQuery.Create(console), Delete(console),
        };
        return command.WithExamples(
            "primatomic views deploy orders counter examples/views/counter/counter.wasm --wait",
            "primatomic views query orders counter --after 1001");
    }

    internal static Argument<string> ViewArgument() => new("view") { Description = "The view's name (1-64 of A-Z a-z 0-9 . _ -)" };

    private static Command List(CliConsole console)
    {
        var log = LogArgument.Create();
        var command = new Command("list", "List a log's views with their version and content hash") { log };
        command.WithExamples("primatomic views list orders");
        command.RunWith(console, async (run, cancellationToken) =>
        {
            using var client = run.Connect();
            var logId = await LogArgument.ResolveAsync(client, run.Get(log)!, cancellationToken);
            var views = (await client.Views.ListAsync(logId, cancellationToken))
                .Select(v => new { view_name = v.ViewName, version = v.Version, content_hash = v.ContentHash, created_at = v.CreatedAt })
                .ToList();
            run.Output.Result(new { log_id = logId, views }, o => o.Table(
                ["VIEW", "VERSION", "CONTENT HASH", "CREATED"],
                views.Select(v => (IReadOnlyList<string>)[v.view_name, v.version.ToString(CultureInfo.InvariantCulture), v.content_hash, Timestamps.Format(v.created_at)])));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Stats(CliConsole console)
    {
        var log = LogArgument.Create();
        var view = ViewArgument();
        var command = new Command("stats", "A view's progress: status, leader, processed and head sequences (its lag), last error") { log, view };
        command.WithExamples("primatomic views stats orders counter", "primatomic views stats orders counter --json | jq .processed_sequence");
        command.RunWith(console, async (run, cancellationToken) =>
        {
            using var client = run.Connect();
            var logId = await LogArgument.ResolveAsync(client, run.Get(log)!, cancellationToken);
            var stats = await client.Views.GetStatsAsync(logId, run.Get(view)!, cancellationToken);
            run.Output.Result(ViewStatsRow.From(stats), o => o.Table(["FIELD", "VALUE"], ViewStatsRow.From(stats).Rows()));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Delete(CliConsole console)
    {
        var log = LogArgument.Create();
        var view = ViewArgument();
        var command = new Command("delete", "Delete a view with its state and checkpoints") { log, view };
        command.WithExamples("primatomic views delete orders counter");
        command.RunWith(console, async (run, cancellationToken) =>
        {
            using var client = run.Connect();
            var logId = await LogArgument.ResolveAsync(client, run.Get(log)!, cancellationToken);
            await client.Views.DeleteAsync(logId, run.Get(view)!, cancellationToken);
            run.Output.Result(new { log_id = logId, deleted = run.Get(view) }, o => o.Note($"Deleted view {run.Get(view)}"));
            return ExitCodes.Ok;
        });
        return command;
    }
}
