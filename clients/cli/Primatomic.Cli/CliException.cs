namespace Primatomic.Cli;

/// <summary>A failure the CLI itself detects (a missing file, no profile), with the exit code it ends with.</summary>
internal sealed class CliException(int exitCode, string message) : Exception(message)
{
    public int ExitCode { get; } = exitCode;

    public static CliException Usage(string message) => new(ExitCodes.Usage, message);
}
