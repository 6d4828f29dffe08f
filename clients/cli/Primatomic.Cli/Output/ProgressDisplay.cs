using Spectre.Console;

namespace Primatomic.Cli.Output;

/// <summary>
/// A progress bar for long work (a deploy's upload, a large append) on stderr, shown only when stderr is a terminal:
/// piped or redirected runs, and <c>--json</c> runs, get no progress output at all.
/// </summary>
internal sealed class ProgressDisplay(CliConsole console, bool json)
{
    public bool Shown => console.ErrorIsTerminal && !json;

    /// <summary>
    /// Runs <paramref name="work"/>, which reports how much of <paramref name="total"/> it has done; with no total,
    /// an indeterminate bar shows that it is still going.
    /// </summary>
    public async Task<T> RunAsync<T>(string description, long? total, Func<IProgress<long>, Task<T>> work)
    {
        if (!Shown)
        {
            return await work(new Discarding());
        }

        // The terminal check is ours (CliConsole): tell Spectre so rather than have it guess from the writer again.
        var ansi = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(console.Error),
            Ansi = AnsiSupport.Yes,
            Interactive = InteractionSupport.Yes,
        });
        return await ansi.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask(Markup.Escape(description), maxValue: Math.Max(total ?? 1, 1));
                task.IsIndeterminate = total is null;
                var result = await work(new ToTask(task));
                task.Value = task.MaxValue;
                return result;
            });
    }

    private sealed class Discarding : IProgress<long>
    {
        public void Report(long value)
        {
        }
    }

    private sealed class ToTask(ProgressTask task) : IProgress<long>
    {
        public void Report(long value) => task.Value = value;
    }
}
