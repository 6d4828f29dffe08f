using System.Globalization;
using Primatomic.Client;

namespace Primatomic.Cli.Commands;

/// <summary>
/// <c>append --lines</c>: reads a file or stdin line by line and appends each non-empty line as its own event, in
/// batches that each commit atomically (at most 100 events and 2 MiB, the service's batch limits). Reads as it goes,
/// so a file of any size, or an endless pipe, is sent without holding it in memory. From stdin without
/// <c>--idempotency-key</c>, a part-filled batch is sent as soon as the input pauses for 200 ms. With a key, or from a
/// file, batches are cut only by the fixed limits, so the same input always makes the same batches: batch i under
/// <c>KEY-i</c> has the same body on every run, and re-running the command stores nothing twice.
/// </summary>
internal static class LineAppender
{
    /// <summary>The service's cap on a batch's decoded bytes.</summary>
    private const int MaxBatchBytes = 2 * 1024 * 1024;

    /// <summary>How long input may pause before a part-filled batch is sent anyway.</summary>
    private static readonly TimeSpan IdleFlush = TimeSpan.FromMilliseconds(200);

    /// <summary>The service's cap on one event.</summary>
    private const int MaxEventBytes = 1024 * 1024;

    public static async Task<int> AppendAsync(
        CliRun run, PrimatomicClient client, string logId, FileInfo? file, long? expectedSequence, string? key, int batchSize, CancellationToken cancellationToken)
    {
        if (file is { Exists: false })
        {
            throw CliException.Usage($"No such file: {file.FullName}");
        }

        await using var input = file is null ? run.Console.Input : file.OpenRead();
        using var reader = new StreamReader(input, leaveOpen: file is null);
        // A file shows how much of it is sent; piped input an indeterminate bar; typed input none (it would garble the typing).
        // Timing must not decide a batch's contents when its key has to name the same body on a re-run.
        var batches = new BatchPlan(batchSize, FlushOnPause: key is null && file is null);
        var summary = file is not null || !run.Console.InputIsTerminal
            ? await run.Progress.RunAsync(
                $"appending {file?.Name ?? "stdin"}", file?.Length, progress => SendAsync(client, logId, reader, expectedSequence, key, batches, progress, cancellationToken))
            : await SendAsync(client, logId, reader, expectedSequence, key, batches, null, cancellationToken);

        run.Output.Result(
            new { log_id = logId, events = summary.Events, batches = summary.Batches, first_sequence = summary.First, last_sequence = summary.Last },
            o =>
            {
                o.Line(summary.Last?.ToString(CultureInfo.InvariantCulture) ?? "");
                o.Note($"Appended {summary.Events} events in {summary.Batches} batches (sequences {summary.First}-{summary.Last}).");
            });
        return ExitCodes.Ok;
    }

    private static async Task<Summary> SendAsync(
        PrimatomicClient client, string logId, StreamReader reader, long? expected, string? key, BatchPlan plan, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        var summary = new Summary();
        var batch = new List<byte[]>(plan.Size);
        var batchBytes = 0;
        long bytesRead = 0;

        async Task FlushAsync()
        {
            if (batch.Count == 0)
            {
                return;
            }

            var batchKey = key is null ? null : $"{key}-{summary.Batches}";
            var appended = await client.Logs.AppendBatchAsync(logId, batch, expectedSequence: expected, idempotencyKey: batchKey, cancellationToken: cancellationToken);
            summary.First ??= appended.FirstSequence;
            summary.Last = appended.LastSequence;
            summary.Events += batch.Count;
            summary.Batches++;
            expected = expected is null ? null : appended.LastSequence;
            batch.Clear();
            batchBytes = 0;
            progress?.Report(bytesRead);
        }

        // The read-ahead stops with this method, however it ends (a failed append included).
        using var reading = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        try
        {
            var lines = LineSource.Start(reader, reading.Token);
            while (true)
            {
                if (!lines.TryRead(out var line))
                {
                    // Nothing buffered: a pause in a live pipe sends what has arrived rather than holding it back.
                    if (plan.FlushOnPause && batch.Count > 0 && !await lines.ArrivesWithinAsync(IdleFlush, cancellationToken))
                    {
                        await FlushAsync();
                    }

                    if (!await lines.WaitToReadAsync(cancellationToken))
                    {
                        break;
                    }

                    continue;
                }

                bytesRead = line.BytesRead;
                if (line.Bytes.Length > MaxEventBytes)
                {
                    throw CliException.Usage($"Line {summary.Events + batch.Count + 1} is {line.Bytes.Length} bytes: an event is at most 1 MiB.");
                }

                if (batch.Count == plan.Size || batchBytes + line.Bytes.Length > MaxBatchBytes)
                {
                    await FlushAsync();
                }

                batch.Add(line.Bytes);
                batchBytes += line.Bytes.Length;
            }

            await FlushAsync();
            return summary;
        }
        finally
        {
            await reading.CancelAsync();
        }
    }

    /// <summary>How lines are cut into batches: at most <paramref name="Size"/> events, and at a pause only when allowed.</summary>
    private readonly record struct BatchPlan(int Size, bool FlushOnPause);

    private sealed class Summary
    {
        public long? First { get; set; }

        public long? Last { get; set; }

        public int Events { get; set; }

        public int Batches { get; set; }
    }
}
