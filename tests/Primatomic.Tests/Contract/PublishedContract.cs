using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Json.Schema;

namespace Primatomic.Tests.Contract;

/// <summary>
/// The service's OpenAPI document, read the way a client reads it: operations by method and path, and any schema in
/// it as a JSON Schema 2020-12 validator (JsonSchema.Net) with the document's components as <c>$defs</c>.
/// </summary>
public sealed partial class PublishedContract(JsonObject document)
{
    private const string ComponentPrefix = "#/components/schemas/";
    private readonly ConcurrentDictionary<string, JsonSchema> _schemas = new(StringComparer.Ordinal);

    public JsonObject Document { get; } = document;

    public static PublishedContract Parse(string json) => new(JsonNode.Parse(json)!.AsObject());

    public IEnumerable<(string Path, string Method, JsonObject Operation)> Operations() =>
        from path in Document["paths"]!.AsObject()
        from method in path.Value!.AsObject()
        select (path.Key, method.Key, method.Value!.AsObject());

    /// <summary>The operation a request to <paramref name="path"/> reaches, the most literal template winning as in routing.</summary>
    public (string Template, JsonObject Operation)? Find(string method, string path)
    {
        var matches = Operations()
            .Where(o => string.Equals(o.Method, method, StringComparison.OrdinalIgnoreCase) && Template(o.Path).IsMatch(path))
            .OrderBy(o => o.Path.Count(c => c == '{'))
            .ToList();
        return matches.Count == 0 ? null : (matches[0].Path, matches[0].Operation);
    }

    /// <summary>Why <paramref name="instance"/> does not match <paramref name="schema"/>, or nothing when it does.</summary>
    public IReadOnlyList<string> Validate(JsonNode schema, JsonElement instance)
    {
        var validator = _schemas.GetOrAdd(schema.ToJsonString(), _ => Build(schema));
        var result = validator.Evaluate(instance, new EvaluationOptions { OutputFormat = OutputFormat.List });
        return result.IsValid
            ? []
            : [.. (result.Details ?? []).Where(d => d.Errors is { Count: > 0 })
                .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Key} {e.Value}"))
                .DefaultIfEmpty("does not match its schema")];
    }

    /// <summary>
    /// Checks one real answer against the document: its operation must list the status and media type, and a JSON body
    /// must match the schema (for a problem, that includes its <c>code</c> being one declared for this status).
    /// </summary>
    public IReadOnlyList<string> Check(string method, string path, int status, string? mediaType, string body)
    {
        if (Find(method, path) is not var (template, operation))
        {
            return [$"{method} {path}: no operation in the document"];
        }

        var what = $"{method} {template} answered {status} {mediaType}";
        if (operation["responses"]?[status.ToString(System.Globalization.CultureInfo.InvariantCulture)] is not JsonObject response)
        {
            return [$"{what}: status not documented ({Shorten(body)})"];
        }

        if (response["content"] is not JsonObject content)
        {
            return body.Length == 0 ? [] : [$"{what}: documented without a body, answered one"];
        }

        var media = content.FirstOrDefault(m => string.Equals(m.Key.Split(';')[0], mediaType, StringComparison.OrdinalIgnoreCase));
        if (media.Value is null)
        {
            return [$"{what}: media type not documented (documented: {string.Join(", ", content.Select(m => m.Key))})"];
        }

        if (!IsJson(mediaType) || media.Value["schema"] is not { } schema)
        {
            return [];
        }

        using var parsed = JsonDocument.Parse(body);
        return [.. Validate(schema, parsed.RootElement).Select(error => $"{what}: {error} in {Shorten(body)}")];
    }

    public static bool IsJson(string? mediaType) => mediaType is "application/json" or "application/problem+json";

    private JsonSchema Build(JsonNode schema)
    {
        var root = Rewrite(schema.DeepClone());
        var definitions = new JsonObject();
        foreach (var (name, component) in Document["components"]!["schemas"]!.AsObject())
        {
            definitions[name] = Rewrite(component!.DeepClone());
        }

        var wrapped = root is JsonObject rootObject ? rootObject : new JsonObject { ["allOf"] = new JsonArray(root) };
        wrapped["$schema"] = "https://json-schema.org/draft/2020-12/schema";
        wrapped["$defs"] = definitions;
        return JsonSchema.FromText(wrapped.ToJsonString(), new BuildOptions { SchemaRegistry = new SchemaRegistry() },
            new Uri($"https://contract.primatomic.test/{Guid.NewGuid():N}"));
    }

    /// <summary>OpenAPI's component references become references into <c>$defs</c>; OpenAPI-only keywords go.</summary>
    private static JsonNode Rewrite(JsonNode node)
    {
        if (node is JsonObject obj)
        {
            foreach (var key in obj.Select(p => p.Key).ToList())
            {
                if (key is "example" or "examples" && !(obj[key] is JsonObject value && value.ContainsKey("type")))
                {
                    obj.Remove(key);
                }
                else if (key == "$ref" && obj[key]!.GetValue<string>() is { } reference && reference.StartsWith(ComponentPrefix, StringComparison.Ordinal))
                {
                    obj[key] = "#/$defs/" + reference[ComponentPrefix.Length..];
                }
                else if (obj[key] is { } child)
                {
                    Rewrite(child);
                }
            }
        }
        else if (node is JsonArray array)
        {
            foreach (var item in array.OfType<JsonNode>())
            {
                Rewrite(item);
            }
        }

        return node;
    }

    private static Regex Template(string template) => new("^" + Parameter().Replace(Regex.Escape(template), "[^/]+") + "/?$");

    private static string Shorten(string text) => text.Length <= 300 ? text : text[..300] + "…";

    [GeneratedRegex(@"\\\{[^}]+\}")]
    private static partial Regex Parameter();
}
