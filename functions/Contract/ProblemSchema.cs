using System.Reflection;
using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using Primatomic.Functions.Hosting;

namespace Primatomic.Functions.Contract;

/// <summary>
/// The one error shape, <c>#/components/schemas/Problem</c>: the RFC 9457 members <see cref="ProblemResponse"/> writes
/// and every extension member some problem carries. Closed (<c>additionalProperties: false</c>), so a new extension
/// member fails the live-response checks until it is described here.
/// </summary>
internal static class ProblemSchema
{
    public const string Name = "Problem";

    /// <summary>Every stable code, from <see cref="ErrorCodes"/> itself.</summary>
    public static IReadOnlyList<string> AllCodes { get; } = [.. typeof(ErrorCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(field => field.IsLiteral)
        .Select(field => (string)field.GetRawConstantValue()!)];

    public static IOpenApiSchema Reference(OpenApiDocument document) => new OpenApiSchemaReference(Name, document);

    public static void AddTo(OpenApiDocument document)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        document.Components.Schemas[Name] = Build();
    }

    /// <summary>The problem narrowed to the codes one operation answers with one status.</summary>
    public static IOpenApiSchema Narrowed(OpenApiDocument document, int status, IEnumerable<string> codes) => new OpenApiSchema
    {
        AllOf = [
            Reference(document),
            new OpenApiSchema
            {
                Properties = new Dictionary<string, IOpenApiSchema>
                {
                    ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Enum = [JsonValue.Create(status)] },
                    ["code"] = new OpenApiSchema { Type = JsonSchemaType.String, Enum = [.. codes.Select(code => (JsonNode)code)] },
                },
            },
        ],
    };

    private static OpenApiSchema Build() => new()
    {
        Type = JsonSchemaType.Object,
        Description = "An RFC 9457 problem document (`application/problem+json`). Branch on `code`, which is stable; `detail` is for people and may change.",
        Required = new HashSet<string> { "type", "title", "status", "code", "detail" },
        AdditionalPropertiesAllowed = false,
        Properties = new Dictionary<string, IOpenApiSchema>
        {
            ["type"] = Text("Always `about:blank`: the status and `code` say what happened."),
            ["title"] = Text("The HTTP reason phrase of `status`."),
            ["status"] = Integer("The HTTP status code, as on the response."),
            ["code"] = new OpenApiSchema
            {
                Type = JsonSchemaType.String,
                Description = "The stable error code; never renamed.",
                Enum = [.. AllCodes.Select(code => (JsonNode)code)],
            },
            ["detail"] = Text("What went wrong, for people."),
            ["instance"] = Text("The request path (cut at 256 characters)."),
            ["trace_id"] = Text("500 and 503: the request's id, to find it in the service's logs."),
            ["retry_after"] = Integer("429: seconds to wait before retrying, as in `Retry-After`."),
            ["parameter"] = Text("400: the unknown query parameter."),
            ["current_sequence"] = Integer("409 `SEQUENCE_MISMATCH`: the log's head."),
            ["head_sequence"] = Integer("400 `AFTER_BEYOND_HEAD`: the log's head."),
            ["processed_sequence"] = Integer("503 `VIEW_CATCH_UP_TIMEOUT`: how far the view had got."),
            ["failed_sequence"] = Integer("409 `VIEW_FAILED`: the event the view failed at."),
            ["error"] = Text("409 `VIEW_FAILED`: why the view failed."),
            ["scope"] = Text("409 `VIEW_LIMIT_REACHED`: which cap was reached, `log` or `tenant`."),
            ["limit"] = Integer("409 `VIEW_LIMIT_REACHED` and `LOG_LIMIT_REACHED`: the cap."),
        },
    };

    private static OpenApiSchema Text(string description) => new() { Type = JsonSchemaType.String, Description = description };

    private static OpenApiSchema Integer(string description) => new() { Type = JsonSchemaType.Integer, Format = "int64", Description = description };
}
