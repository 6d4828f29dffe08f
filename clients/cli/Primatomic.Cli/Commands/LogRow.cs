using Primatomic.Cli.Output;
using Primatomic.Client;

namespace Primatomic.Cli.Commands;

/// <summary>A log as <c>logs list</c> and <c>logs get</c> print it (the service's field names with <c>--json</c>).</summary>
internal sealed record LogRow(string LogId, string Name, string CreatedAt, long HeadSequence)
{
    public static LogRow From(LogInfo log) => new(log.LogId, log.Name, Timestamps.Format(log.CreatedAt), log.HeadSequence);
}
