using System.Text;
using Primatomic.Cli;

namespace Primatomic.Tests.Clients.Cli;

/// <summary>
/// Runs the CLI's entry point in-process, as a user with their own config file (a fresh temporary one per session):
/// what it prints and its exit code, without the cost of a process per command.
/// </summary>
public sealed class CliSession : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("primatomic-cli-").FullName;

    public string ConfigPath => Path.Combine(_folder, "config", "config.json");

    public string Folder => _folder;

    public Dictionary<string, string?> Environment { get; } = [];

    /// <summary>Whether the run's stderr counts as a terminal (where progress bars are drawn).</summary>
    public bool ErrorIsTerminal { get; set; }

    public async Task<CliResult> RunAsync(string[] args, string? stdin = null, CancellationToken cancellationToken = default)
    {
        using var output = new StringWriter();
        using var input = new MemoryStream(Encoding.UTF8.GetBytes(stdin ?? ""));
        return await RunAsync(args, output, input, stdin is null, cancellationToken);
    }

    /// <summary>A run reading stdin from a stream the test writes to as it goes (a live pipe).</summary>
    public async Task<CliResult> RunAsync(string[] args, Stream stdin, CancellationToken cancellationToken)
    {
        using var output = new StringWriter();
        return await RunAsync(args, output, stdin, false, cancellationToken);
    }

    /// <summary>A run whose stdout the test reads while it goes on (a following tail).</summary>
    public Task<CliResult> RunAsync(string[] args, LineWriter output, CancellationToken cancellationToken) =>
        RunAsync(args, output, Stream.Null, true, cancellationToken);

    public Task<CliResult> RunAsync(params string[] args) => RunAsync(args, (string?)null);

    private async Task<CliResult> RunAsync(string[] args, TextWriter output, Stream input, bool inputIsTerminal, CancellationToken cancellationToken)
    {
        using var error = new StringWriter();
        var console = new CliConsole(input, output, error, inputIsTerminal, ErrorIsTerminal, Lookup);
        var exitCode = await CliApp.RunAsync(args, console, cancellationToken);
        return new CliResult(exitCode, output.ToString()!, error.ToString());
    }

    private string? Lookup(string name) => name == "PRIMATOMIC_CONFIG" ? ConfigPath : Environment.GetValueOrDefault(name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
