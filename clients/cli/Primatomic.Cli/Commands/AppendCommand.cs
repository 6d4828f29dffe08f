using System.CommandLine;
using System.Globalization;
using Primatomic.Cli.Help;
using Primatomic.Client;

namespace Primatomic.Cli.Commands;

/// <summary>
/// <c>append</c>: one event from an argument, a file or stdin; or, with <c>--lines</c>, one event per line, sent in
/// atomic batches. Every request carries an Idempotency-Key and the client retries transient failures with it, so a
/// retried append is never stored twice.
/// </summary>
internal static class AppendCommand
{
    public static Command Create(CliConsole console)
    {
        var log = LogArgument.Create();
        var data = new Argument<string?>("data") { Description = "The event, as text (UTF-8). Without it, --file or stdin is read", Arity = ArgumentArity.ZeroOrOne };
        var file = new Option<FileInfo?>("--file", "-f") { Description = "Read the event (or, with --lines, the events) from this file" };
        var lines = new Option<bool>("--lines") { Description = "Each non-empty line is its own event; lines go in atomic batches (append-batch)" };
        var expected = new Option<long?>("--expected-sequence") { Description = "Append only if the log's head is this sequence (else exit 3); with --lines, each batch expects the previous one's last", HelpName = "n" };
        var key = new Option<string?>("--idempotency-key") { Description = "Your own Idempotency-Key (default: a new one per request). With --lines, batch i uses KEY-i and batches are cut only every --batch-size lines (or 2 MiB), never at a pause in the input, so re-running it on the same input with the same --batch-size, within the service's idempotency window (15 minutes by default), stores nothing twice", HelpName = "key" };
        var batchSize = new Option<int>("--batch-size") { Description = "Events per batch with --lines (1-100)", DefaultValueFactory = _ => 100, HelpName = "n" };
        var command = new Command(
            "append",
            "Append an event; prints its sequence. Safe to retry: each request carries an Idempotency-Key and the client "
            + "retries transient failures with it, so an event is never stored twice.")
        {
            log, data, file, lines, expected, key, batchSize,
        };
        command.WithExamples(
            "primatomic append orders '{\"type\":\"order_placed\",\"order_id\":1}'",
            "SEQ=$(primatomic append $LOG_ID --file event.json --expected-sequence 0)",
            "primatomic append orders --lines --file events.ndjson",
            "cat events.ndjson | primatomic append orders --lines --idempotency-key import-2026-11-30",
            "tail -f app.log | primatomic append app-log --lines   # each pause in the input sends what has arrived");
        command.RunWith(console, async (run, cancellationToken) =>
        {
            if (run.Get(batchSize) is < 1 or > 100)
            {
                throw CliException.Usage("--batch-size must be 1-100.");
            }

            if (run.Get(data) is not null && (run.Get(file) is not null || run.Get(lines)))
            {
                throw CliException.Usage("Give the event as an argument, or --file / --lines, not both.");
            }

            using var client = run.Connect();
            var logId = await LogArgument.ResolveAsync(client, run.Get(log)!, cancellationToken);
            if (run.Get(lines))
            {
                return await LineAppender.AppendAsync(run, client, logId, run.Get(file), run.Get(expected), run.Get(key), run.Get(batchSize), cancellationToken);
            }

            var body = run.Get(data) is { } text
                ? System.Text.Encoding.UTF8.GetBytes(text)
                : await ReadBodyAsync(run, run.Get(file), cancellationToken);
            var appended = await client.Logs.AppendAsync(
                logId, body, expectedSequence: run.Get(expected), idempotencyKey: run.Get(key), cancellationToken: cancellationToken);
            run.Output.Result(new { log_id = logId, sequence = appended.Sequence }, o => o.Line(appended.Sequence.ToString(CultureInfo.InvariantCulture)));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static async Task<byte[]> ReadBodyAsync(CliRun run, FileInfo? file, CancellationToken cancellationToken)
    {
        if (file is not null)
        {
            return file.Exists
                ? await File.ReadAllBytesAsync(file.FullName, cancellationToken)
                : throw CliException.Usage($"No such file: {file.FullName}");
        }

        if (run.Console.InputIsTerminal)
        {
            throw CliException.Usage("Give the event as an argument, with --file, or on stdin.");
        }

        using var buffer = new MemoryStream();
        await run.Console.Input.CopyToAsync(buffer, cancellationToken);
        return buffer.ToArray();
    }
}
