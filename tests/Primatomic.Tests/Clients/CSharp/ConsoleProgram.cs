using System.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Primatomic.Client;

namespace Primatomic.Tests.Clients.CSharp;

/// <summary>
/// Compiles a C# console program (top-level statements, with a console project's implicit usings) against the client,
/// in memory with Roslyn rather than through MSBuild (seconds instead of a restore and build), and runs it as a process.
/// </summary>
internal static class ConsoleProgram
{
    private const string ImplicitUsings = """
        global using System;
        global using System.Collections.Generic;
        global using System.IO;
        global using System.Linq;
        global using System.Net.Http;
        global using System.Threading;
        global using System.Threading.Tasks;
        """;

    private const string RuntimeConfig = """
        {"runtimeOptions":{"tfm":"net10.0","framework":{"name":"Microsoft.NETCore.App","version":"10.0.0"}}}
        """;

    /// <summary>Compiles <paramref name="source"/> into a folder of its own, with the client beside it; returns the program's path.</summary>
    public static string Compile(string source, string name)
    {
        var folder = Directory.CreateTempSubdirectory("primatomic-program-").FullName;
        var clientAssembly = typeof(PrimatomicClient).Assembly.Location;
        var frameworkFolder = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var references = Directory.GetFiles(frameworkFolder, "*.dll")
            .Where(IsManagedAssembly)
            .Append(clientAssembly)
            .Select(path => MetadataReference.CreateFromFile(path));
        var compilation = CSharpCompilation.Create(name,
            [CSharpSyntaxTree.ParseText(ImplicitUsings), CSharpSyntaxTree.ParseText(source, path: "Program.cs")],
            references,
            new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable));
        var output = Path.Combine(folder, name + ".dll");
        var result = compilation.Emit(output);
        Assert.True(result.Success, "The program does not compile:\n" + string.Join("\n", result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        File.Copy(clientAssembly, Path.Combine(folder, Path.GetFileName(clientAssembly)));
        File.WriteAllText(Path.Combine(folder, name + ".runtimeconfig.json"), RuntimeConfig);
        return output;
    }

    public static async Task<(int ExitCode, string Output)> RunAsync(string assembly, string workingDirectory, Dictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("dotnet", [assembly])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory,
        };
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }

    private static bool IsManagedAssembly(string path)
    {
        try
        {
            System.Reflection.AssemblyName.GetAssemblyName(path);
            return true;
        }
        catch (BadImageFormatException)
        {
            return false;
        }
    }
}
