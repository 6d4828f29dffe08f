using Primatomic.Testing;

namespace Primatomic.Tests.Clients.Cli;

/// <summary>
/// The CLI as a user gets it: the package <c>scripts/test</c> packed into artifacts/packages (packed here when it is
/// missing or older than the build), installed with <c>dotnet tool install --tool-path</c> from that folder alone
/// (a NuGet config with no other source, and an empty package cache, so nothing comes from anywhere else). Once per
/// test run.
/// </summary>
internal static class InstalledTool
{
    public const string PackageFileName = "Primatomic.Cli.0.1.0.nupkg";

    private static readonly Lazy<Task<string>> Installed = new(InstallAsync);

    public static string PackagesFolder => RepoPaths.Combine("artifacts", "packages");

    /// <summary>The folder holding the installed <c>primatomic</c> command.</summary>
    public static Task<string> FolderAsync() => Installed.Value;

    private static async Task<string> InstallAsync()
    {
        var configuration = AppContext.BaseDirectory.Contains("/Release/", StringComparison.Ordinal) ? "Release" : "Debug";
        var built = RepoPaths.Combine("clients", "cli", "Primatomic.Cli", "bin", configuration, "net10.0", "Primatomic.Cli.dll");
        var package = Path.Combine(PackagesFolder, PackageFileName);
        if (!File.Exists(package) || File.GetLastWriteTimeUtc(package) < File.GetLastWriteTimeUtc(built))
        {
            (await ToolProcess.RunAsync("dotnet",
                ["pack", RepoPaths.Combine("clients", "cli", "Primatomic.Cli"), "-c", configuration, "--no-build", "-o", PackagesFolder, "--nologo"]))
                .EnsureSuccess();
        }

        var home = Directory.CreateTempSubdirectory("primatomic-tool-").FullName;
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Directory.Delete(home, recursive: true);
        var nugetConfig = Path.Combine(home, "nuget.config");
        await File.WriteAllTextAsync(nugetConfig, "<configuration><packageSources><clear /></packageSources></configuration>");
        var tools = Path.Combine(home, "tools");
        (await ToolProcess.RunAsync(
            "dotnet",
            ["tool", "install", "--tool-path", tools, "--add-source", PackagesFolder, "--configfile", nugetConfig, "Primatomic.Cli"],
            new Dictionary<string, string> { ["NUGET_PACKAGES"] = Path.Combine(home, "packages") })).EnsureSuccess();
        return tools;
    }
}
