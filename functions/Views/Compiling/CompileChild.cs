using Primatomic.Functions.Views.Runtime;

namespace Primatomic.Functions.Views.Compiling;

/// <summary>
/// The compiler process: <c>Primatomic.Functions --compile-view MEMORY_BYTES CPU_SECONDS MAX_COMPONENT_BYTES
/// MAX_FUNCTION_BODY_BYTES</c> limits itself, reads a component from stdin, and writes the artifact to stdout (exit 0)
/// or why the component is invalid to stderr (exit 2). Anything else (a limit hit, a crash) is for the parent to read
/// from the exit status. It never touches storage or the network.
/// </summary>
public static class CompileChild
{
    public const string Command = "--compile-view";
    public const int InvalidExitCode = 2;

    public static bool IsRequested(string[] args) => args.Length > 0 && args[0] == Command;

    public static int Run(string[] args)
    {
        var memoryBytes = long.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture);
        var cpuSeconds = int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture);
        var limits = new ViewLimits
        {
            MaxComponentBytes = int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture),
            MaxFunctionBodyBytes = int.Parse(args[4], System.Globalization.CultureInfo.InvariantCulture),
        };
        ProcessLimits.Apply(memoryBytes, cpuSeconds, niceness: 10);

        using var input = Console.OpenStandardInput();
        using var component = new MemoryStream();
        input.CopyTo(component);
        try
        {
            using var engine = new ViewEngine(limits);
            var artifact = engine.CompileToArtifact(component.GetBuffer().AsSpan(0, (int)component.Length));
            using var output = Console.OpenStandardOutput();
            output.Write(artifact);
            return 0;
        }
        catch (InvalidViewException invalid)
        {
            Console.Error.Write(invalid.Message);
            return InvalidExitCode;
        }
    }
}
