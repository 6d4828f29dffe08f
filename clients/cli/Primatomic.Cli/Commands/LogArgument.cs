using System.CommandLine;
using Primatomic.Client;

namespace Primatomic.Cli.Commands;

/// <summary>
/// The <c>log</c> argument most commands take: a log id, or a log's name, which costs one lookup
/// (<c>GET /logs?name=</c>) to find its id.
/// </summary>
internal static class LogArgument
{
    public static Argument<string> Create() => new("log") { Description = "The log's id or name" };

    public static async Task<string> ResolveAsync(PrimatomicClient client, string log, CancellationToken cancellationToken)
    {
        if (Guid.TryParse(log, out _))
        {
            return log;
        }

        var found = await client.Logs.FindAsync(log, cancellationToken);
        return found?.LogId ?? throw new CliException(ExitCodes.NotFound, $"There is no log named '{log}'.");
    }
}
