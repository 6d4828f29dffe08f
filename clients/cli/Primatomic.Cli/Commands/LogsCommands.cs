using System.CommandLine;
using System.Globalization;
using Primatomic.Cli.Help;

namespace Primatomic.Cli.Commands;

/// <summary><c>logs create|list|get</c>.</summary>
internal static class LogsCommands
{
    public static Command Create(CliConsole console)
    {
        var command = new Command("logs", "Create, list and describe logs") { CreateLog(console), List(console), Get(console) };
        return command.WithExamples("LOG_ID=$(primatomic logs create orders)", "primatomic logs list", "primatomic logs get orders --json");
    }

    private static Command CreateLog(CliConsole console)
    {
        var name = new Argument<string>("name") { Description = "1-64 characters of A-Z a-z 0-9 . _ -, unique in your tenant" };
        var command = new Command("create", "Create a log; prints its id (safe to retry: the create carries an Idempotency-Key)") { name };
        command.WithExamples("primatomic logs create orders", "LOG_ID=$(primatomic logs create orders)");
        command.RunWith(console, async (run, cancellationToken) =>
        {
            using var client = run.Connect();
            var logId = await client.Logs.CreateAsync(run.Get(name)!, cancellationToken: cancellationToken);
            run.Output.Result(new { log_id = logId, name = run.Get(name) }, o => o.Line(logId));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command List(CliConsole console)
    {
        var command = new Command("list", "List your tenant's logs in name order, with each one's head sequence");
        command.WithExamples("primatomic logs list", "primatomic logs list --json | jq -r '.logs[].name'");
        command.RunWith(console, async (run, cancellationToken) =>
        {
            using var client = run.Connect();
            var logs = new List<LogRow>();
            await foreach (var log in client.Logs.ListAllAsync(cancellationToken))
            {
                logs.Add(LogRow.From(log));
            }

            run.Output.Result(new { logs }, o => o.Table(
                ["LOG ID", "NAME", "HEAD", "CREATED"],
                logs.Select(l => (IReadOnlyList<string>)[l.LogId, l.Name, l.HeadSequence.ToString(CultureInfo.InvariantCulture), l.CreatedAt])));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Get(CliConsole console)
    {
        var log = LogArgument.Create();
        var command = new Command("get", "Describe one log: id, name, creation time and head sequence") { log };
        command.WithExamples("primatomic logs get orders", "primatomic logs get $LOG_ID --json | jq .head_sequence");
        command.RunWith(console, async (run, cancellationToken) =>
        {
            using var client = run.Connect();
            var logId = await LogArgument.ResolveAsync(client, run.Get(log)!, cancellationToken);
            var row = LogRow.From(await client.Logs.GetAsync(logId, cancellationToken));
            run.Output.Result(row, o => o.Table(
                ["LOG ID", "NAME", "HEAD", "CREATED"],
                [[row.LogId, row.Name, row.HeadSequence.ToString(CultureInfo.InvariantCulture), row.CreatedAt]]));
            return ExitCodes.Ok;
        });
        return command;
    }
}
