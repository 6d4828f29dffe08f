using System.Diagnostics;
using System.IO.Compression;
using System.Xml.Linq;
using Primatomic.Testing;

namespace Primatomic.Tests.Clients.CSharp;

/// <summary>The packed client is what users install: version 0.1.0, its README inside and shown by NuGet, no service code.</summary>
[Trait("Category", "EndToEnd")]
public sealed class ClientPackageTests
{
    [Fact]
    public async Task The_package_carries_its_readme_and_depends_on_nothing_of_the_service()
    {
        var output = Directory.CreateTempSubdirectory("primatomic-pack-").FullName;
        try
        {
            var configuration = AppContext.BaseDirectory.Contains("/Release/", StringComparison.Ordinal) ? "Release" : "Debug";
            var (exitCode, log) = await PackAsync(configuration, output);
            Assert.True(exitCode == 0, $"dotnet pack failed:\n{log}");

            using var package = ZipFile.OpenRead(Path.Combine(output, "Primatomic.Client.0.1.0.nupkg"));
            var readme = package.GetEntry("README.md");
            Assert.NotNull(readme);
            using (var reader = new StreamReader(readme.Open()))
            {
                Assert.Contains("safe to retry by default", await reader.ReadToEndAsync(), StringComparison.Ordinal);
            }

            Assert.NotNull(package.GetEntry("lib/net10.0/Primatomic.Client.dll"));
            var nuspecEntry = package.Entries.Single(entry => entry.FullName.EndsWith(".nuspec", StringComparison.Ordinal));
            XDocument nuspec;
            using (var stream = nuspecEntry.Open())
            {
                nuspec = XDocument.Load(stream);
            }

            var metadata = nuspec.Root!.Elements().Single(e => e.Name.LocalName == "metadata");
            Assert.Equal("README.md", metadata.Elements().Single(e => e.Name.LocalName == "readme").Value);
            var dependencies = metadata.Descendants().Where(e => e.Name.LocalName == "dependency").Select(e => e.Attribute("id")!.Value).ToList();
            Assert.Equal(["Microsoft.Extensions.Http"], dependencies);
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }

    private static async Task<(int ExitCode, string Output)> PackAsync(string configuration, string output)
    {
        var start = new ProcessStartInfo("dotnet",
            ["pack", RepoPaths.Combine("clients", "dotnet", "Primatomic.Client"), "-c", configuration, "--no-build", "-o", output, "-warnaserror", "--nologo"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }
}
