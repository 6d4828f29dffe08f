using System.Diagnostics;
using Primatomic.Testing;

namespace Primatomic.Tests.Clients.TypeScript;

/// <summary>
/// The TypeScript client in clients/typescript, built once per test run: `npm ci` when its dev dependencies are
/// missing, then `tsc` into dist/. Its node tests run against a service this side starts.
/// </summary>
internal static class TypeScriptPackage
{
    private static readonly SemaphoreSlim BuildOnce = new(1, 1);
    private static bool _built;

    public static string Folder => RepoPaths.Combine("clients", "typescript");

    public static async Task EnsureBuiltAsync()
    {
        await BuildOnce.WaitAsync();
        try
        {
            if (_built)
            {
                return;
            }

            if (!File.Exists(Path.Combine(Folder, "node_modules", "typescript", "package.json")))
            {
                await RunCheckedAsync("npm", ["ci", "--no-audit", "--no-fund"], TimeSpan.FromMinutes(5));
            }

            await RunCheckedAsync("npm", ["run", "build"], TimeSpan.FromMinutes(2));
            _built = true;
        }
        finally
        {
            BuildOnce.Release();
        }
    }

    /// <summary>Runs node's test runner on the given files of test/, failing with its whole output unless every test passed.</summary>
    public static async Task RunNodeTestsAsync(IReadOnlyDictionary<string, string> environment, params string[] files)
    {
        var (exitCode, output) = await RunAsync("node", ["--test", .. files.Select(file => Path.Combine("test", file))], TimeSpan.FromMinutes(4),
            environment);
        Assert.True(exitCode == 0, $"node --test failed ({exitCode}):\n{output}");
        // Each test skips itself when a variable it needs is missing: here none may be skipped.
        Assert.Contains("# skipped 0", output, StringComparison.Ordinal);
        Assert.Contains("# fail 0", output, StringComparison.Ordinal);
        Assert.DoesNotContain("# pass 0", output, StringComparison.Ordinal);
    }

    private static async Task RunCheckedAsync(string command, string[] arguments, TimeSpan timeout)
    {
        var (exitCode, output) = await RunAsync(command, arguments, timeout, new Dictionary<string, string>());
        Assert.True(exitCode == 0, $"{command} {string.Join(' ', arguments)} failed ({exitCode}):\n{output}");
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string command, IEnumerable<string> arguments, TimeSpan timeout,
        IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo(command, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Folder,
        };
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            return (-1, $"timed out after {timeout}\n{await stdout}{await stderr}");
        }

        return (process.ExitCode, await stdout + await stderr);
    }
}
