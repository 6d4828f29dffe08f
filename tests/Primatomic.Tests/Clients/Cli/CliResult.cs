using System.Text.Json;

namespace Primatomic.Tests.Clients.Cli;

/// <summary>What one run of <c>primatomic</c> printed and how it ended.</summary>
public sealed record CliResult(int ExitCode, string Output, string Error)
{
    public JsonElement Json()
    {
        using var document = JsonDocument.Parse(Output);
        return document.RootElement.Clone();
    }

    public CliResult EnsureSuccess() =>
        ExitCode == 0 ? this : throw new InvalidOperationException($"primatomic exited {ExitCode}:\n{Output}\n{Error}");

    public override string ToString() => $"exit {ExitCode}\n--- stdout ---\n{Output}\n--- stderr ---\n{Error}";
}
