using System.CommandLine;

namespace Primatomic.Cli;

/// <summary>Options every command takes (declared once on the root, recursive).</summary>
internal static class GlobalOptions
{
    public static readonly Option<string?> Profile = new("--profile", "-p")
    {
        Description = "The profile to use (default: $PRIMATOMIC_PROFILE, else the current profile, see `profile use`)",
        Recursive = true,
        HelpName = "name",
    };

    public static readonly Option<bool> Json = new("--json")
    {
        Description = "Print only JSON on stdout, for scripts (one document, or one per line for tail)",
        Recursive = true,
    };
}
