using System.Diagnostics;
using Primatomic.Functions.Views;

namespace Primatomic.Tests.Views;

/// <summary>Builds examples/views/counter from C source with its own script and runs it through the engine.</summary>
public sealed class CounterExampleTests(ViewEngineFixture fixture) : IClassFixture<ViewEngineFixture>
{
    private static readonly Lazy<byte[]> Counter = new(Build);

    [Fact]
    public void Counter_built_from_C_validates_counts_and_answers_count_json()
    {
        using var compiled = fixture.Engine.Compile(Counter.Value);
        using var view = fixture.Engine.Instantiate(compiled);
        view.Apply(Events.Range(1, 1));
        Assert.Equal("{\"count\":1}", Events.QueryText(view));
        view.Apply(Events.Range(2, 1000));
        Assert.Equal("{\"count\":1001}", Events.QueryText(view));
    }

    [Fact]
    public void Counter_snapshot_restores_into_a_new_instance()
    {
        using var compiled = fixture.Engine.Compile(Counter.Value);
        using var first = fixture.Engine.Instantiate(compiled);
        first.Apply(Events.Range(1, 77));
        using var second = fixture.Engine.Instantiate(compiled);
        second.Restore(first.Snapshot());
        second.Apply(Events.Range(78, 3));
        Assert.Equal("{\"count\":80}", Events.QueryText(second));
    }

    private static byte[] Build()
    {
        var root = RepositoryRoot();
        var script = Path.Combine(root, "examples", "views", "counter", "build.sh");
        using var build = Process.Start(new ProcessStartInfo("bash", [script])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var stderr = build.StandardError.ReadToEndAsync();
        var stdout = build.StandardOutput.ReadToEnd();
        build.WaitForExit();
        Assert.True(build.ExitCode == 0, $"build.sh failed:\n{stdout}\n{stderr.Result}");
        return File.ReadAllBytes(Path.Combine(root, "examples", "views", "counter", "counter.wasm"));
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
