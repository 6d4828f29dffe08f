using System.CommandLine;
using Primatomic.Cli.Help;
using Primatomic.Client;

namespace Primatomic.Cli.Commands;

/// <summary>
/// <c>tail</c>: prints a log's events after a sequence; with <c>--follow</c>, keeps printing new ones as they are
/// committed (the client's tail over the long-poll, which resumes where it left off when the service restarts or a
/// connection drops). <c>--checkpoint</c> makes a restarted CLI resume too.
/// </summary>
internal static class TailCommand
{
    public static Command Create(CliConsole console)
    {
        var log = LogArgument.Create();
        var after = new Option<long?>("--after") { Description = "Print events after this sequence (default 0, or the checkpoint's)", HelpName = "n" };
        var follow = new Option<bool>("--follow", "-f") { Description = "Keep waiting for new events until Ctrl-C (or --count)" };
        var checkpoint = new Option<FileInfo?>("--checkpoint") { Description = "Resume after the sequence in this file, and record each printed event's sequence in it", HelpName = "file" };
        var count = new Option<int?>("--count", "-n") { Description = "Stop after this many events", HelpName = "n" };
        var pollWait = new Option<int?>("--poll-wait") { Description = "With --follow: seconds each long-poll waits for new events (1-30; default the client's)", HelpName = "seconds" };
        var format = new Option<EventFormat>("--format") { Description = "Without --json: text (sequence and text), raw (data only), base64 or hex", DefaultValueFactory = _ => EventFormat.Text };
        var command = new Command("tail", "Print a log's events; with --follow, wait for new ones and resume after dropped connections and service restarts")
        {
            log, after, follow, checkpoint, count, pollWait, format,
        };
        command.WithExamples(
            "primatomic tail orders",
            "primatomic tail orders --follow --checkpoint orders.pos",
            "primatomic tail $LOG_ID --after 100 --count 10 --json | jq -r .data | base64 -d");
        command.RunWith(console, async (run, cancellationToken) =>
        {
            var store = run.Get(checkpoint) is { } file ? new TailCheckpoint(file.FullName) : null;
            var start = run.Get(after) ?? store?.Read() ?? 0;
            var limit = run.Get(count);
            if (limit is < 1)
            {
                throw CliException.Usage("--count must be at least 1.");
            }

            if (run.Get(pollWait) is < 1 or > 30)
            {
                throw CliException.Usage("--poll-wait must be 1-30 seconds.");
            }

            var wait = run.Get(pollWait) is { } seconds ? TimeSpan.FromSeconds(seconds) : (TimeSpan?)null;
            using var client = run.Connect();
            var logId = await LogArgument.ResolveAsync(client, run.Get(log)!, cancellationToken);
            var printed = 0;
            var events = run.Get(follow)
                ? client.Logs.TailAsync(logId, start, wait, cancellationToken)
                : ReadToHeadAsync(client, logId, start, cancellationToken);
            await foreach (var item in events.WithCancellation(cancellationToken))
            {
                Print(run, run.Get(format), item);
                store?.Write(item.Sequence);
                // Stop at exactly --count: the rest of a page already fetched is neither printed nor checkpointed.
                if (++printed == limit)
                {
                    break;
                }
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static void Print(CliRun run, EventFormat format, Event item) =>
        run.Output.StreamItem(
            new { sequence = item.Sequence, appended_at = item.AppendedAt, data = Convert.ToBase64String(item.Data) },
            o => o.Line(format.Render(item.Sequence, item.Data)));

    /// <summary>Without --follow: every event after <paramref name="after"/> up to the head, a page at a time.</summary>
    private static async IAsyncEnumerable<Event> ReadToHeadAsync(
        PrimatomicClient client, string logId, long after, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        while (true)
        {
            var page = await client.Logs.ReadAsync(logId, after, limit: 1000, cancellationToken: cancellationToken);
            if (page.Events.Count == 0)
            {
                yield break;
            }

            foreach (var item in page.Events)
            {
                yield return item;
            }

            after = page.NextAfter;
        }
    }
}
