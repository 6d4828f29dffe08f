using System.Reflection;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Primatomic.Functions.Contract;

/// <summary>
/// Schema rules the generator cannot know: a shape's published name (<see cref="SchemaNameAttribute"/>), and that
/// every member of an answer is always present (the service writes nulls rather than leaving members out), so
/// clients may rely on them. Request bodies keep every member optional: a missing one is a 400 that names it.
/// </summary>
internal sealed class ContractSchemas : IOpenApiSchemaTransformer
{
    public static string? ReferenceId(JsonTypeInfo type) =>
        type.Type.GetCustomAttribute<SchemaNameAttribute>()?.Name ?? OpenApiOptions.CreateDefaultSchemaReferenceId(type);

    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        var answer = context.ParameterDescription is null && context.JsonPropertyInfo is null
            && context.JsonTypeInfo.Kind == JsonTypeInfoKind.Object && !IsRequestBody(context.JsonTypeInfo.Type);
        if (answer && schema.Properties is { Count: > 0 } properties)
        {
            schema.Required = new HashSet<string>(properties.Keys, StringComparer.Ordinal);
        }

        return Task.CompletedTask;
    }

    /// <summary>Request bodies are the records named <c>…Request</c> (the shapes the service reads, never writes).</summary>
    private static bool IsRequestBody(Type type) => type.Name.EndsWith("Request", StringComparison.Ordinal);
}
