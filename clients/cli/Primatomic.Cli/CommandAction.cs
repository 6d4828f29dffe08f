using System.CommandLine;
using System.Text.Json;
using Primatomic.Client;

namespace Primatomic.Cli;

/// <summary>
/// Runs a command's body and turns every failure into a one-line message (or a JSON error with <c>--json</c>) on
/// stderr and a documented exit code: scripts branch on the code, people read the message.
/// </summary>
internal static class CommandAction
{
    public static void RunWith(this Command command, CliConsole console, Func<CliRun, CancellationToken, Task<int>> body) =>
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var run = new CliRun(console, parsed);
            try
            {
                return await body(run, cancellationToken);
            }
            catch (Exception e)
            {
                return Fail(console, run.Output.Json, e, cancellationToken);
            }
        });

    /// <summary>
    /// Prints one line for <paramref name="failure"/> (never a stack trace) and returns its exit code. Used by every
    /// command and, for anything thrown outside one, by <see cref="CliApp"/>.
    /// </summary>
    internal static int Fail(CliConsole console, bool json, Exception failure, CancellationToken cancellationToken)
    {
        var (exitCode, code, message) = Describe(failure, cancellationToken);
        if (json)
        {
            console.Error.WriteLine(JsonSerializer.Serialize(new ErrorDocument(new ErrorBody(code, exitCode, message))));
        }
        else
        {
            console.Error.WriteLine($"primatomic: {message}");
        }

        return exitCode;
    }

    private static (int ExitCode, string Code, string Message) Describe(Exception failure, CancellationToken cancellationToken) => failure switch
    {
        CliException e => (e.ExitCode, "CLI", e.Message),
        PrimatomicException e => (ExitCodeOf(e), e.Code, e.Message + (e.TraceId is { } trace && e.Status >= 500 ? $" (trace id {trace})" : "")),
        OperationCanceledException when cancellationToken.IsCancellationRequested => (ExitCodes.Interrupted, "INTERRUPTED", "Interrupted."),
        // A timeout the client did not turn into its own failure (HttpClient's reports itself as a cancellation).
        TimeoutException or OperationCanceledException { InnerException: TimeoutException } =>
            (ExitCodes.Unavailable, "TIMEOUT", $"The service did not answer in time: {failure.Message}"),
        IOException or UnauthorizedAccessException => (ExitCodes.Usage, "IO", failure.Message),
        // A bug in the CLI or the client (a cancellation nobody asked for included): exit 6 like the service's own
        // 500, with enough to report it.
        _ => (ExitCodes.Failure, "INTERNAL", $"unexpected {failure.GetType().Name}: {failure.Message}"),
    };

    /// <summary>The exit code for the service's answer: by status, so codes added later still land in the right class.</summary>
    internal static int ExitCodeOf(PrimatomicException failure) => failure.Status switch
    {
        0 => ExitCodes.Unavailable,
        401 or 403 => ExitCodes.Auth,
        404 => ExitCodes.NotFound,
        409 => ExitCodes.Conflict,
        429 or 502 or 503 or 504 => ExitCodes.Unavailable,
        >= 400 and < 500 => ExitCodes.Usage,
        _ => ExitCodes.Failure,
    };

    private sealed record ErrorDocument([property: System.Text.Json.Serialization.JsonPropertyName("error")] ErrorBody Error);

    private sealed record ErrorBody(
        [property: System.Text.Json.Serialization.JsonPropertyName("code")] string Code,
        [property: System.Text.Json.Serialization.JsonPropertyName("exit_code")] int ExitCode,
        [property: System.Text.Json.Serialization.JsonPropertyName("message")] string Message);
}
