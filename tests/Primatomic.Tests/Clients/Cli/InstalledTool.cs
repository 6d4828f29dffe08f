using Primatomic.Testing;

namespace Primatomic.Tests.Clients.Cli;

/// <summary>
/// The CLI as a user gets it: a package of the current build installed with <c>dotnet tool install --tool-path</c>
/// from a folder holding that package alone (a NuGet config with no other source, and an empty package cache, so
/// nothing comes from anywhere else). Once per test run. The package is the one <c>scripts/test</c> packed into
/// artifacts/packages when that is newer than the build, copied out; otherwise the test packs its own, into its own
/// temporary folder, never into artifacts/packages, where <c>scripts/test</c> may be packing at the same moment.
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
        var home = Directory.CreateTempSubdirectory("primatomic-tool-").FullName;
        AppDomain.CurrentDomain.ProcessExit += (_, _) => DeleteQuietly(home);
        var source = Path.Combine(home, "source");
        Directory.CreateDirectory(source);
        if (!TryCopyCurrentPackage(source))
        {
            (await ToolProcess.RunAsync("dotnet",
                ["pack", RepoPaths.Combine("clients", "cli", "Primatomic.Cli"), "-c", Configuration, "--no-build", "-o", source, "--nologo"]))
                .EnsureSuccess();
        }

        var nugetConfig = Path.Combine(home, "nuget.config");
        await File.WriteAllTextAsync(nugetConfig, "<configuration><packageSources><clear /></packageSources></configuration>");
        var tools = Path.Combine(home, "tools");
        (await ToolProcess.RunAsync(
            "dotnet",
            ["tool", "install", "--tool-path", tools, "--add-source", source, "--configfile", nugetConfig, "Primatomic.Cli"],
            new Dictionary<string, string> { ["NUGET_PACKAGES"] = Path.Combine(home, "packages") })).EnsureSuccess();
        return tools;
    }

    private static string Configuration => AppContext.BaseDirectory.Contains("/Release/", StringComparison.Ordinal) ? "Release" : "Debug";

    /// <summary>Copies scripts/test's package when it was packed from this build; false when there is none, or it is older.</summary>
    private static bool TryCopyCurrentPackage(string destination)
    {
        var built = RepoPaths.Combine("clients", "cli", "Primatomic.Cli", "bin", Configuration, "net10.0", "Primatomic.Cli.dll");
        var package = Path.Combine(PackagesFolder, PackageFileName);
        try
        {
            if (!File.Exists(package) || File.GetLastWriteTimeUtc(package) < File.GetLastWriteTimeUtc(built))
            {
                return false;
            }

            File.Copy(package, Path.Combine(destination, PackageFileName));
            return true;
        }
        catch (IOException)
        {
            // Being replaced by a pack as we looked: make our own instead.
            File.Delete(Path.Combine(destination, PackageFileName));
            return false;
        }
    }

    /// <summary>Removes the install at process exit, where a throw would only add noise to the test run's end.</summary>
    private static void DeleteQuietly(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
