using System.Text.Json;
using Primatomic.Testing;
using Primatomic.Tests.Auth;

namespace Primatomic.Tests.Packaging;

/// <summary>
/// functions/local.settings.json.example, which the README copies into artifacts/app for <c>func start</c>: the shape
/// Core Tools reads, names that match the package, and values the packaged handler accepts.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class LocalSettingsExampleTests
{
    private static Dictionary<string, string?> ExampleValues()
    {
        using var example = JsonDocument.Parse(File.ReadAllText(RepoPaths.Combine("functions", "local.settings.json.example")));
        Assert.False(example.RootElement.GetProperty("IsEncrypted").GetBoolean());
        return example.RootElement.GetProperty("Values").EnumerateObject()
            .ToDictionary(value => value.Name, value => (string?)value.Value.GetString());
    }

    [Fact]
    public void Example_is_a_custom_handler_on_Azurite_default_ports()
    {
        var values = ExampleValues();
        Assert.Equal("custom", values["FUNCTIONS_WORKER_RUNTIME"]);
        Assert.Equal("UseDevelopmentStorage=true", values["AzureWebJobsStorage"]);
        // Setting an Event Hubs connection would switch the fan-out to Event Hubs, which local Azurite cannot serve.
        Assert.DoesNotContain(values.Keys, key => key.StartsWith("EventHubConnection", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Example_disables_only_functions_the_package_defines()
    {
        await PackagedApp.EnsureBuiltAsync();
        var disabled = ExampleValues().Keys
            .Where(key => key.StartsWith("AzureWebJobs.", StringComparison.Ordinal) && key.EndsWith(".Disabled", StringComparison.Ordinal))
            .Select(key => key["AzureWebJobs.".Length..^".Disabled".Length])
            .ToList();

        Assert.Contains("ViewProcessor", disabled);
        foreach (var function in disabled)
        {
            Assert.True(File.Exists(Path.Combine(PackagedApp.Folder, function, "function.json")), $"the package has no function {function}");
        }
    }

    [Fact]
    public async Task Packaged_handler_starts_and_serves_with_the_example_values()
    {
        await PackagedApp.EnsureBuiltAsync();
        var azurite = await SharedAzurite.GetAsync();
        var settings = ExampleValues();
        // The same Azurite, but the test's own instance on free ports rather than the default ones.
        settings["AzureWebJobsStorage"] = azurite.ConnectionString;
        settings["STORAGE_NAME_PREFIX"] = SharedAzurite.UniquePrefix();

        await using var handler = await ServiceProcess.StartAsHostAsync(PackagedApp.Executable, PackagedApp.Folder, settings);
        using var client = handler.CreateClient();
        // The example's platform admin was seeded from its values, as scripts/dev seeds its own.
        var token = await AuthHttp.LoginAsync(client, settings["ADMIN_EMAIL"]!, settings["ADMIN_PASSWORD"]!);
        Assert.False(string.IsNullOrEmpty(token));
    }
}
