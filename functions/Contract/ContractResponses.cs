using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using Primatomic.Functions.Hosting;
using JsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace Primatomic.Functions.Contract;

/// <summary>
/// Fills each operation's bodies and answers from its <see cref="RouteContract"/>: raw bodies as their real media
/// type, the examples (serialized exactly as the service serializes), and one problem answer per failing status,
/// its <c>code</c> narrowed to the codes the route answers with that status, each code's cause in the description.
/// </summary>
internal sealed class ContractResponses(IOptions<JsonOptions> json) : IOpenApiOperationTransformer
{
    public const string ProblemContentType = ProblemResponse.ContentType;

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        var contract = metadata.OfType<RouteContract>().LastOrDefault();
        var jsonBody = context.Description.ParameterDescriptions.Any(p => p.Source == BindingSource.Body);
        var needsToken = metadata.OfType<IAuthorizeData>().Any() && !metadata.OfType<IAllowAnonymous>().Any();
        var path = "/" + context.Description.RelativePath?.TrimStart('/');

        if (contract?.RawRequest is { } rawRequest)
        {
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = rawRequest.Required,
                Description = rawRequest.Description,
                Content = new Dictionary<string, OpenApiMediaType> { [rawRequest.ContentType] = Raw(rawRequest) },
            };
        }
        else if (operation.RequestBody?.Content is { } requestContent)
        {
            foreach (var media in requestContent.Values)
            {
                // Handlers take their body as nullable so a missing one is our 400, not the binder's; what a client
                // sends is the shape itself.
                if (media.Schema is OpenApiSchema { OneOf: { } options } && options.OfType<OpenApiSchemaReference>().ToList() is [var shape])
                {
                    media.Schema = shape;
                }

                media.Example = contract?.RequestExample is { } example ? JsonSerializer.SerializeToNode(example, json.Value.SerializerOptions) : media.Example;
            }
        }

        operation.Responses ??= [];
        var success = operation.Responses.Where(r => r.Key.StartsWith('2')).Select(r => r.Value).OfType<OpenApiResponse>().FirstOrDefault();
        if (contract?.RawResponse is { } rawResponse)
        {
            // A handler answering bytes declares no type; the contract says what they are.
            operation.Responses[StatusCodes.Status200OK.ToString(CultureInfo.InvariantCulture)] = new OpenApiResponse
            {
                Description = rawResponse.Description,
                Content = new Dictionary<string, OpenApiMediaType> { [rawResponse.ContentType] = Raw(rawResponse) },
            };
        }
        else if (contract?.ResponseExample is { } responseExample && success?.Content is { } successContent)
        {
            foreach (var media in successContent.Values)
            {
                media.Example = JsonSerializer.SerializeToNode(responseExample, json.Value.SerializerOptions);
            }
        }

        IEnumerable<ProblemCase> cases = Problems.Everywhere;
        cases = needsToken ? cases.Concat(Problems.WithToken) : cases;
        cases = jsonBody || contract?.RawRequest is not null ? cases.Concat(Problems.WithBody) : cases;
        cases = jsonBody ? cases.Concat(Problems.WithJsonBody) : cases;
        cases = cases.Concat(contract?.Problems ?? []);
        foreach (var status in cases.GroupBy(c => c.Status).OrderBy(g => g.Key))
        {
            operation.Responses[status.Key.ToString(CultureInfo.InvariantCulture)] = ProblemAnswer(context.Document!, status.Key, [.. status], path);
        }

        return Task.CompletedTask;
    }

    private static OpenApiMediaType Raw(RawContent raw) => new()
    {
        Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary", Description = raw.Description },
        Example = JsonValue.Create(raw.Example),
    };

    private static OpenApiResponse ProblemAnswer(OpenApiDocument document, int status, IReadOnlyList<ProblemCase> cases, string path)
    {
        var codes = cases.Select(c => c.Code).Distinct(StringComparer.Ordinal).ToList();
        var causes = codes.Select(code => $"`{code}`: " + string.Join(" ", cases.Where(c => c.Code == code).Select(c => c.When).Distinct(StringComparer.Ordinal)));
        var response = new OpenApiResponse
        {
            Description = $"{ReasonPhrases.GetReasonPhrase(status)}. " + string.Join(" ", causes),
            Content = new Dictionary<string, OpenApiMediaType>
            {
                [ProblemContentType] = new()
                {
                    Schema = ProblemSchema.Narrowed(document, status, codes),
                    Example = Example(cases[^1], path),
                },
            },
        };
        if (status is StatusCodes.Status429TooManyRequests or StatusCodes.Status503ServiceUnavailable)
        {
            response.Headers = new Dictionary<string, IOpenApiHeader>
            {
                ["Retry-After"] = new OpenApiHeader
                {
                    Required = true,
                    Description = "Seconds to wait before retrying.",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.Integer },
                    Example = JsonValue.Create(1),
                },
            };
        }

        return response;
    }

    /// <summary>A problem as <see cref="ProblemResponse"/> writes it (the route's own cause, the last declared, for preference).</summary>
    private static JsonObject Example(ProblemCase problem, string path)
    {
        var example = new JsonObject
        {
            ["type"] = "about:blank",
            ["title"] = ReasonPhrases.GetReasonPhrase(problem.Status),
            ["status"] = problem.Status,
            ["code"] = problem.Code,
            ["detail"] = problem.When.Replace("`", "", StringComparison.Ordinal),
            ["instance"] = path,
        };
        foreach (var (member, value) in problem.Extensions)
        {
            example[member] = JsonSerializer.SerializeToNode(value);
        }

        return example;
    }
}
