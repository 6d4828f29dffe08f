using System.CommandLine;
using System.CommandLine.Help;

namespace Primatomic.Cli.Help;

/// <summary>The standard help sections, then the command's examples, and at the top level the exit codes.</summary>
internal static class HelpWithExamples
{
    public static void Install(RootCommand root)
    {
        var builder = new HelpBuilder(maxWidth: 120);
        builder.CustomizeLayout(_ => [.. HelpBuilder.Default.GetLayout(), ExamplesSection, ExitCodesSection]);
        foreach (var option in root.Options.OfType<HelpOption>())
        {
            option.Action = new HelpAction { Builder = builder };
        }
    }

    private static bool ExamplesSection(HelpContext context)
    {
        var examples = CommandExamples.Of(context.Command);
        if (examples.Count == 0)
        {
            return false;
        }

        context.Output.WriteLine("Examples:");
        foreach (var example in examples)
        {
            context.Output.WriteLine($"  {example}");
        }

        return true;
    }

    private static bool ExitCodesSection(HelpContext context)
    {
        if (context.Command is not RootCommand)
        {
            return false;
        }

        context.Output.WriteLine(ExitCodes.HelpText.TrimEnd());
        return true;
    }
}
