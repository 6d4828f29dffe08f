using System.IO.Compression;
using System.Text.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Primatomic.Functions.Hosting;
using Primatomic.Testing;
using Primatomic.Tests.Infrastructure;

namespace Primatomic.Tests.Packaging;

/// <summary>What <c>scripts/package</c> lays out is exactly what the Functions host needs, and nothing goes stale.</summary>
[Trait("Category", "EndToEnd")]
public sealed class PackageContentsTests : IAsyncLifetime
{
    private ApiFactory _api = null!;

    public async Task InitializeAsync()
    {
        await PackagedApp.EnsureBuiltAsync();
        _api = await ApiFactory.CreateAsync();
    }

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public void Package_holds_exactly_the_functions_the_route_table_and_triggers_define()
    {
        var generated = FunctionDefinitions.Generate([_api.Services.GetRequiredService<EndpointDataSource>()]);
        var packaged = Directory.GetDirectories(PackagedApp.Folder)
            .Where(folder => File.Exists(Path.Combine(folder, "function.json")))
            .ToDictionary(folder => Path.GetFileName(folder), folder => File.ReadAllText(Path.Combine(folder, "function.json")));

        Assert.True(generated.Count > 0, "the route table produced no functions");
        Assert.Equal(generated.Keys.Order(StringComparer.Ordinal), packaged.Keys.Order(StringComparer.Ordinal));
        foreach (var (name, json) in generated)
        {
            Assert.True(json == packaged[name], $"{name}/function.json in the package differs from what the code generates");
        }
    }

    [Fact]
    public void Package_root_has_the_repository_host_json_and_the_executable_it_names()
    {
        var hostJson = Path.Combine(PackagedApp.Folder, "host.json");
        Assert.Equal(File.ReadAllText(RepoPaths.Combine("host.json")), File.ReadAllText(hostJson));

        using var host = JsonDocument.Parse(File.ReadAllText(hostJson));
        var description = host.RootElement.GetProperty("customHandler").GetProperty("description");
        Assert.Equal(PackagedApp.ExecutableName, description.GetProperty("defaultExecutablePath").GetString());
        // The host resolves the executable, and starts it, from the app root.
        Assert.Equal("", description.GetProperty("workingDirectory").GetString());

        Assert.True(File.Exists(PackagedApp.Executable), $"{PackagedApp.Executable} is missing");
        // The package targets linux-x64; the guard only tells the platform analyzer so.
        Assert.True(!OperatingSystem.IsWindows() && File.GetUnixFileMode(PackagedApp.Executable).HasFlag(UnixFileMode.UserExecute),
            "the handler is not executable");
        // Self-contained: the image's `custom` runtime is not known to carry .NET.
        Assert.True(File.Exists(Path.Combine(PackagedApp.Folder, "libcoreclr.so")), "the .NET runtime is not in the package");
    }

    [Fact]
    public async Task Package_zip_holds_the_app_folder_with_the_executable_bit_kept()
    {
        var files = Directory.GetFiles(PackagedApp.Folder, "*", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(PackagedApp.Folder, path).Replace(Path.DirectorySeparatorChar, '/'))
            .Order(StringComparer.Ordinal)
            .ToList();

        await using var zip = await ZipFile.OpenReadAsync(PackagedApp.ZipFile);
        var entries = zip.Entries.Where(entry => !entry.FullName.EndsWith('/')).ToList();
        Assert.Equal(files, entries.Select(entry => entry.FullName).Order(StringComparer.Ordinal));

        var executable = entries.Single(entry => entry.FullName == PackagedApp.ExecutableName);
        var mode = (UnixFileMode)((executable.ExternalAttributes >> 16) & 0x1FF);
        Assert.True(mode.HasFlag(UnixFileMode.UserExecute), $"the zipped handler's mode is {mode}");
    }
}
