namespace Primatomic.Cli;

/// <summary>
/// Where a run reads and writes, and what it knows of its environment. The real process passes its own; tests run
/// the same entry point in-process with buffers and their own environment, so parallel tests never share state.
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
