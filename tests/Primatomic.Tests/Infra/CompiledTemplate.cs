using System.Diagnostics;
using System.Text.Json.Nodes;
using Primatomic.Testing;

namespace Primatomic.Tests.Infra;

/// <summary>
/// infra/main.bicep compiled to ARM JSON by the Bicep CLI from NuGet (scripts/lib/install-bicep), once per test run,
/// into a temp directory, so a plain <c>dotnet test</c> checks the template exactly as <c>scripts/deploy</c> ships it.
/// </summary>
public sealed class CompiledTemplate
{
    private static readonly Lazy<Task<CompiledTemplate>> Shared = new(CompileAsync);

    private CompiledTemplate(string text, JsonObject root)
    {
        Text = text;
        Root = root;
    }

    /// <summary>The whole template as text, nested module templates included.</summary>
    public string Text { get; }

    public JsonObject Root { get; }

    public static Task<CompiledTemplate> LoadAsync() => Shared.Value;

    /// <summary>Resources of <paramref name="template"/>, whether listed as an array or by symbolic name (languageVersion 2.0).</summary>
    public static IEnumerable<JsonObject> ResourcesOf(JsonObject template) => template["resources"] switch
    {
        JsonArray array => array.OfType<JsonObject>(),
        JsonObject byName => byName.Select(pair => pair.Value).OfType<JsonObject>(),
        _ => [],
    };

    /// <summary>Every resource in the template and in its modules' nested templates.</summary>
    public IEnumerable<JsonObject> AllResources() => Walk(Root);

    /// <summary>Resources of <paramref name="type"/> the template creates (not <c>existing</c> references).</summary>
    public IEnumerable<JsonObject> Created(string type) =>
        AllResources().Where(r => Type(r) == type && r["existing"] is null);

    /// <summary>A module (nested deployment) of main.bicep, by its deployment name.</summary>
    public BicepModule ModuleNamed(string name)
    {
        var deployment = ResourcesOf(Root).Single(r => Type(r) == "Microsoft.Resources/deployments" && (string?)r["name"] == name);
        return new BicepModule((JsonObject)deployment["properties"]!);
    }

    public static string Type(JsonObject resource) => (string?)resource["type"] ?? "";

    public static async Task<string> RunBicepAsync(params string[] arguments)
    {
        var bicep = (await RunAsync(RepoPaths.Combine("scripts", "lib", "install-bicep"))).Trim();
        return await RunAsync(bicep, arguments);
    }

    private static IEnumerable<JsonObject> Walk(JsonObject template)
    {
        foreach (var resource in ResourcesOf(template))
        {
            yield return resource;
            if (resource["properties"]?["template"] is JsonObject nested)
            {
                foreach (var inner in Walk(nested))
                {
                    yield return inner;
                }
            }
        }
    }

    private static async Task<CompiledTemplate> CompileAsync()
    {
        var directory = Directory.CreateTempSubdirectory("primatomic-infra-");
        try
        {
            var output = Path.Combine(directory.FullName, "main.json");
            await RunBicepAsync("build", RepoPaths.Combine("infra", "main.bicep"), "--outfile", output);
            var text = await File.ReadAllTextAsync(output);
            return new CompiledTemplate(text, (JsonObject)JsonNode.Parse(text)!);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private static async Task<string> RunAsync(string fileName, params string[] arguments)
    {
        var start = new ProcessStartInfo(fileName) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {fileName}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{fileName} {string.Join(' ', arguments)} failed ({process.ExitCode}): {await stderr}");
        }

        return await stdout;
    }

    /// <summary>One module: the parameter values main.bicep passes and the module's own template.</summary>
    public sealed class BicepModule(JsonObject deploymentProperties)
    {
        public JsonObject Template => (JsonObject)deploymentProperties["template"]!;

        /// <summary>The value (often an ARM expression string) main.bicep passes for <paramref name="name"/>.</summary>
        public string? Parameter(string name) => deploymentProperties["parameters"]?[name]?["value"] switch
        {
            JsonValue value when value.TryGetValue<string>(out var text) => text,
            var other => other?.ToJsonString(),
        };

        public IEnumerable<JsonObject> Resources(string type) => ResourcesOf(Template).Where(r => Type(r) == type);
    }
}
