using System.Collections.Concurrent;
using System.Diagnostics;

namespace Primatomic.Tests.Views;

/// <summary>Builds an example under examples/views with its own build.sh (once per test run) and returns the component.</summary>
internal static class ExampleViews
{
    private static readonly ConcurrentDictionary<string, Lazy<byte[]>> Built = new();

    /// <param name="name">The example's folder.</param>
    /// <param name="wasm">The component's name when it is not the folder's (counter-js builds counter.wasm).</param>
    public static byte[] Component(string name, string? wasm = null) =>
        Built.GetOrAdd(name, n => new Lazy<byte[]>(() => Build(n, wasm ?? n))).Value;

    private static byte[] Build(string name, string wasm)
    {
        var folder = Primatomic.Testing.RepoPaths.Combine("examples", "views", name);
        using var build = Process.Start(new ProcessStartInfo("bash", [Path.Combine(folder, "build.sh")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var stderr = build.StandardError.ReadToEndAsync();
        var stdout = build.StandardOutput.ReadToEnd();
        build.WaitForExit();
        Assert.True(build.ExitCode == 0, $"{name}/build.sh failed:\n{stdout}\n{stderr.Result}");
        return File.ReadAllBytes(Path.Combine(folder, wasm + ".wasm"));
    }
}
