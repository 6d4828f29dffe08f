using System.Diagnostics;

namespace Primatomic.Functions.Views.Compiling;

/// <summary>How to start this same program as the compiler process, however this one was started.</summary>
internal static class CompilerCommand
{
    private const string AppHostName = "Primatomic.Functions";

    public static ProcessStartInfo Create(IEnumerable<string> arguments)
    {
        var assembly = typeof(CompileChild).Assembly.Location;
        var start = new ProcessStartInfo { UseShellExecute = false, RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        var current = Environment.ProcessPath;
        var beside = Path.Combine(Path.GetDirectoryName(assembly)!, AppHostName);
        if (current is not null && Path.GetFileName(current) == AppHostName)
        {
            start.FileName = current; // the packaged (self-contained) app, or scripts/dev
        }
        else if (Muxer(current) is { } dotnet)
        {
            start.FileName = dotnet; // dotnet Primatomic.Functions.dll, or a test host
            start.ArgumentList.Add(assembly);
        }
        else if (File.Exists(beside))
        {
            start.FileName = beside;
        }
        else
        {
            throw new InvalidOperationException($"Cannot find how to start the view compiler: no {AppHostName} beside {assembly} and no dotnet host.");
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // A small workstation GC: the compiler is short-lived and its memory is Wasmtime's, not .NET's.
        start.Environment["DOTNET_gcServer"] = "0";
        // A compile that hits its memory cap aborts in Rust; a backtrace would only cost time and fill stderr.
        start.Environment["RUST_BACKTRACE"] = "0";
        return start;
    }

    private static string? Muxer(string? current)
    {
        if (current is not null && Path.GetFileNameWithoutExtension(current) == "dotnet")
        {
            return current;
        }

        return Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { } host && File.Exists(host) ? host : null;
    }
}
