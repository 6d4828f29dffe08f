using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;

namespace Primatomic.Cli.Help;

/// <summary>
/// The standard help, then the command's examples, and at the top level the exit codes. (System.CommandLine keeps
/// its help layout types internal, so this runs the standard help action and writes after it.)
/// </summary>
internal sealed class HelpWithExamples(HelpAction standard) : SynchronousCommandLineAction
{
    public static void Install(RootCommand root)
    {
        foreach (var option in root.Options.OfType<HelpOption>())
        {
            if (option.Action is HelpAction standard)
            {
                option.Action = new HelpWithExamples(standard);
            }
        }
    }

    public override int Invoke(ParseResult parseResult)
    {
        var exitCode = standard.Invoke(parseResult);
        var output = parseResult.InvocationConfiguration.Output;
        var command = parseResult.CommandResult.Command;
        var examples = CommandExamples.Of(command);
        if (examples.Count > 0)
        {
            output.WriteLine("Examples:");
            foreach (var example in examples)
            {
                output.WriteLine($"  {example}");
            }

            output.WriteLine();
        }

        if (command is RootCommand)
        {
            output.WriteLine(ExitCodes.HelpText.TrimEnd());
            output.WriteLine();
        }

        return exitCode;
    }
}
