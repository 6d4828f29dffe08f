using System.Collections.Concurrent;
using System.Diagnostics;

namespace Primatomic.Tests.Views;

/// <summary>Builds an example under examples/views with its own build.sh (once per test run) and returns the component.</summary>
internal static class ExampleViews
{
    private static readonly ConcurrentDictionary<string, Lazy<byte[]>> Built = new();

    public static byte[] Component(string name) => Built.GetOrAdd(name, n => new Lazy<byte[]>(() => Build(n))).Value;

    private static byte[] Build(string name)
    {
        var folder = Path.Combine(RepositoryRoot(), "examples", "views", name);
        using var build = Process.Start(new ProcessStartInfo("bash", [Path.Combine(folder, "build.sh")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var stderr = build.StandardError.ReadToEndAsync();
        var stdout = build.StandardOutput.ReadToEnd();
        build.WaitForExit();
        Assert.True(build.ExitCode == 0, $"{name}/build.sh failed:\n{stdout}\n{stderr.Result}");
        return File.ReadAllBytes(Path.Combine(folder, name + ".wasm"));
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Serverless.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("Serverless.sln not found above the test binaries.");
    }
}
