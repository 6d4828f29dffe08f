using System.Diagnostics;
using System.Text;
using Primatomic.Testing;

namespace Primatomic.Tests.Packaging;

/// <summary>
/// The deployable app folder, built once per test run by <c>scripts/package</c> from the current sources (never a
/// package left over from an earlier run), then shared by every packaging test. Building it takes about half a minute
/// on an idle 2-core machine: publishing self-contained with ReadyToRun is the slow part.
/// </summary>
internal static class PackagedApp
{
    public const string ExecutableName = "Primatomic.Functions";

    private static readonly Lazy<Task<string>> Built = new(BuildAsync);

    public static string Folder => RepoPaths.Combine("artifacts", "app");

    public static string ZipFile => RepoPaths.Combine("artifacts", "app.zip");

    public static string Executable => Path.Combine(Folder, ExecutableName);

    /// <summary>Runs scripts/package on first use and returns its output (the size and function count it printed).</summary>
    public static Task<string> EnsureBuiltAsync() => Built.Value;

    private static async Task<string> BuildAsync()
    {
        var start = new ProcessStartInfo("bash")
        {
            WorkingDirectory = RepoPaths.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(RepoPaths.Combine("scripts", "package"));

        var output = new StringBuilder();
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start scripts/package.");
        process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var stopwatch = Stopwatch.StartNew();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"scripts/package took over 10 minutes: {Text(output)}");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"scripts/package failed with {process.ExitCode}: {Text(output)}");
        }

        return $"{Text(output)}(scripts/package took {stopwatch.Elapsed.TotalSeconds:F0} s)";
    }

    private static string Text(StringBuilder output)
    {
        lock (output)
        {
            return output.ToString();
        }
    }
}
