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
            catch (CliException e)
            {
                return Fail(run, e.ExitCode, "CLI", e.Message);
            }
            catch (PrimatomicException e)
            {
                var hint = e.TraceId is { } trace && e.Status >= 500 ? $" (trace id {trace})" : "";
                return Fail(run, ExitCodeOf(e), e.Code, e.Message + hint);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return Fail(run, ExitCodes.Interrupted, "INTERRUPTED", "Interrupted.");
            }
            catch (IOException e)
            {
                return Fail(run, ExitCodes.Usage, "IO", e.Message);
            }
            catch (UnauthorizedAccessException e)
            {
                return Fail(run, ExitCodes.Usage, "IO", e.Message);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A bug in the CLI or the client: exit 6 like the service's own 500, with enough to report it.
                return Fail(run, ExitCodes.Failure, "INTERNAL", $"unexpected {e.GetType().Name}: {e.Message}");
            }
        });

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

    private static int Fail(CliRun run, int exitCode, string code, string message)
    {
        if (run.Output.Json)
        {
            run.Console.Error.WriteLine(JsonSerializer.Serialize(new ErrorDocument(new ErrorBody(code, exitCode, message))));
        }
        else
        {
            run.Console.Error.WriteLine($"primatomic: {message}");
        }

        return exitCode;
    }

    private sealed record ErrorDocument([property: System.Text.Json.Serialization.JsonPropertyName("error")] ErrorBody Error);

    private sealed record ErrorBody(
        [property: System.Text.Json.Serialization.JsonPropertyName("code")] string Code,
        [property: System.Text.Json.Serialization.JsonPropertyName("exit_code")] int ExitCode,
        [property: System.Text.Json.Serialization.JsonPropertyName("message")] string Message);
}
