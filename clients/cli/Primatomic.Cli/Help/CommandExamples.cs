using System.CommandLine;
using System.Runtime.CompilerServices;

namespace Primatomic.Cli.Help;

/// <summary>The examples each command shows at the end of its <c>--help</c>.</summary>
internal static class CommandExamples
{
    private static readonly ConditionalWeakTable<Command, string[]> Examples = new();

    public static TCommand WithExamples<TCommand>(this TCommand command, params string[] examples)
        where TCommand : Command
    {
        Examples.AddOrUpdate(command, examples);
        return command;
    }

    public static IReadOnlyList<string> Of(Command command) =>
        Examples.TryGetValue(command, out var examples) ? examples : [];
}
