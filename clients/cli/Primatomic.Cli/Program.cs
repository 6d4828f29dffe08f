namespace Primatomic.Cli;

/// <summary>The tool's process entry point; everything else lives in <see cref="CliApp"/>, which tests call directly.</summary>
internal static class Program
{
    public static Task<int> Main(string[] args) => CliApp.RunAsync(args, CliConsole.FromProcess());
}
