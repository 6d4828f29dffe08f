using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Primatomic.Functions.Hosting;

/// <summary>
/// Derives the Azure Functions definitions (one <c>function.json</c> per function) from the route table, so a route
/// cannot exist in code without its function: the endpoint's name is the function name, its pattern the route. An
/// endpoint carrying <see cref="FunctionTrigger"/> metadata is a non-HTTP function instead: the host POSTs its
/// invocations to <c>/&lt;Function&gt;</c>, so its route must be exactly its name.
/// </summary>
public static partial class FunctionDefinitions
{
    public const string WriteCommand = "--write-function-definitions";

    /// <summary>Function name → function.json text, for every named endpoint except the host's probe at <c>/</c> and <see cref="NotAFunction"/> ones.</summary>
    public static SortedDictionary<string, string> Generate(IEnumerable<EndpointDataSource> dataSources)
    {
        var definitions = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var endpoint in dataSources.SelectMany(source => source.Endpoints).OfType<RouteEndpoint>())
        {
            var route = endpoint.RoutePattern.RawText?.Trim('/') ?? string.Empty;
            if (route.Length == 0 || endpoint.Metadata.GetMetadata<NotAFunction>() is not null)
            {
                continue;
            }

            var name = endpoint.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName
                ?? throw new InvalidOperationException($"Endpoint '{route}' has no name; add .WithName(...) so it becomes a function.");
            if (!ValidName().IsMatch(name))
            {
                throw new InvalidOperationException($"Endpoint name '{name}' is not a valid function name.");
            }

            if (route.StartsWith("admin", StringComparison.OrdinalIgnoreCase) || route.StartsWith("runtime", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException($"Route '{route}' starts with a prefix the Functions host reserves.");
            }

            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods
                ?? throw new InvalidOperationException($"Endpoint '{name}' accepts every method; give it explicit ones.");
            var trigger = endpoint.Metadata.GetMetadata<FunctionTrigger>();
            if (trigger is not null && (route != name || !methods.SequenceEqual(["POST"], StringComparer.OrdinalIgnoreCase)))
            {
                throw new InvalidOperationException($"Trigger function '{name}' must be mapped as POST /{name}: that is where the host invokes it.");
            }

            if (!definitions.TryAdd(name, trigger is null ? Render(route, methods) : Render(trigger)))
            {
                throw new InvalidOperationException($"Two endpoints are named '{name}'.");
            }
        }

        return definitions;
    }

    /// <summary>Writes <c>&lt;dir&gt;/&lt;Function&gt;/function.json</c> for each definition, replacing what was there.</summary>
    public static void Write(IEnumerable<EndpointDataSource> dataSources, string directory)
    {
        var definitions = Generate(dataSources);
        if (System.IO.Directory.Exists(directory))
        {
            foreach (var stale in System.IO.Directory.GetDirectories(directory).Where(d => File.Exists(Path.Combine(d, "function.json"))))
            {
                System.IO.Directory.Delete(stale, recursive: true);
            }
        }

        foreach (var (name, json) in definitions)
        {
            var folder = System.IO.Directory.CreateDirectory(Path.Combine(directory, name));
            File.WriteAllText(Path.Combine(folder.FullName, "function.json"), json);
        }
    }

    private static string Render(string route, IEnumerable<string> methods)
    {
        var definition = new JsonObject
        {
            ["bindings"] = new JsonArray(
                new JsonObject
                {
                    ["type"] = "httpTrigger",
                    ["direction"] = "in",
                    ["name"] = "req",
                    // The service authenticates every request itself; host keys would only get in the way.
                    ["authLevel"] = "anonymous",
                    // OPTIONS too: with the platform's CORS left empty, browsers' preflights must reach the handler (CrossOrigin).
                    ["methods"] = new JsonArray(methods.Append("OPTIONS").Select(m => m.ToLowerInvariant()).Distinct()
                        .Select(m => (JsonNode)m).ToArray()),
                    ["route"] = route,
                },
                new JsonObject { ["type"] = "http", ["direction"] = "out", ["name"] = "res" }),
        };
        return definition.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
    }

    private static string Render(FunctionTrigger trigger)
    {
        var definition = new JsonObject { ["bindings"] = new JsonArray(trigger.Binding.DeepClone()) };
        return definition.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_-]{0,127}$")]
    private static partial Regex ValidName();
}

/// <summary>
/// Endpoint metadata that makes a route the handler of a non-HTTP function (its trigger binding, as in function.json).
/// </summary>
public sealed record FunctionTrigger(JsonObject Binding)
{
    /// <summary>
    /// Event Hubs events in batches (<c>cardinality: many</c>); <c>dataType: binary</c> so bodies arrive base64, exactly
    /// as published, whatever their content.
    /// </summary>
    public static FunctionTrigger EventHub(string bindingName, string connection, string eventHubName, string consumerGroup) => new(new JsonObject
    {
        ["type"] = "eventHubTrigger",
        ["direction"] = "in",
        ["name"] = bindingName,
        ["eventHubName"] = eventHubName,
        ["consumerGroup"] = consumerGroup,
        ["connection"] = connection,
        ["cardinality"] = "many",
        ["dataType"] = "binary",
    });

    public static FunctionTrigger Timer(string bindingName, string schedule) => new(new JsonObject
    {
        ["type"] = "timerTrigger",
        ["direction"] = "in",
        ["name"] = bindingName,
        ["schedule"] = schedule,
    });
}
