namespace Primatomic.Cli;

/// <summary>
/// Where a run reads and writes, and what it knows of its environment. The real process passes its own; tests run
/// the same entry point in-process with their own buffers and environment, so parallel runs never read each other's
/// input, write into each other's output or see each other's environment variables (the command tree's static
/// definitions are shared, but only read).
/// </summary>
internal sealed record CliConsole(
    Stream Input,
    TextWriter Output,
    TextWriter Error,
    bool InputIsTerminal,
    bool ErrorIsTerminal,
    Func<string, string?> Environment)
{
    public static CliConsole FromProcess() => new(
        Console.OpenStandardInput(),
        Console.Out,
        Console.Error,
        !Console.IsInputRedirected,
        !Console.IsErrorRedirected,
        System.Environment.GetEnvironmentVariable);
}
