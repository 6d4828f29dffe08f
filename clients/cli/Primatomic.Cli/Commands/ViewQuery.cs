using System.CommandLine;
using System.Text;
using System.Text.Json;
using Primatomic.Cli.Help;

namespace Primatomic.Cli.Commands;

/// <summary>
/// <c>views query</c>: sends the view its input and prints its answer. With <c>--after N</c> the answer reflects every
/// event up to N, so a script that appended N reads its own write.
/// </summary>
internal static class ViewQuery
{
    public static Command Create(CliConsole console)
    {
        var log = LogArgument.Create();
        var view = ViewsCommands.ViewArgument();
        var after = new Option<long?>("--after") { Description = "Answer only once the view reflects every event up to this sequence (read-after-write)", HelpName = "n" };
        var input = new Option<string?>("--input") { Description = "The query's input as text (default: empty)", HelpName = "text" };
        var inputFile = new Option<FileInfo?>("--input-file") { Description = "Read the query's input from this file", HelpName = "file" };
        var command = new Command("query", "Query a view; prints its answer as it is (with --json: {output, output_base64})") { log, view, after, input, inputFile };
        command.WithExamples(
            "SEQ=$(primatomic append orders '{\"type\":\"order_placed\"}') && primatomic views query orders counter --after $SEQ",
            "primatomic views query $LOG_ID balances --input '{\"account\":\"a-1\"}' --json | jq .output");
        command.RunWith(console, async (run, cancellationToken) =>
        {
            byte[] body = run.Get(inputFile) is { } file
                ? file.Exists ? await File.ReadAllBytesAsync(file.FullName, cancellationToken) : throw CliException.Usage($"No such file: {file.FullName}")
                : Encoding.UTF8.GetBytes(run.Get(input) ?? "");
            using var client = run.Connect();
            var logId = await LogArgument.ResolveAsync(client, run.Get(log)!, cancellationToken);
            var answer = await client.Views.QueryAsync(logId, run.Get(view)!, body, run.Get(after), cancellationToken);
            run.Output.Result(new { output = AsJson(answer), output_base64 = Convert.ToBase64String(answer) }, o =>
            {
                var stdout = o.Out;
                stdout.Write(Encoding.UTF8.GetString(answer));
                stdout.WriteLine();
            });
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>The answer as a JSON value when it is JSON (views usually answer JSON), else null.</summary>
    private static JsonElement? AsJson(byte[] answer)
    {
        try
        {
            using var document = JsonDocument.Parse(answer);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
