using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Primatomic.Functions.Auth;
using Primatomic.Functions.Hosting;

namespace Primatomic.Functions.Contract;

/// <summary>
/// Fills each operation's security and parameters from the same metadata the service acts on: the bearer scheme
/// (and <c>X-Tenant-ID</c>) where authorization needs a token, the query parameters the route declares
/// (<see cref="AllowedQueryParameters"/>, which the unknown-parameter check enforces) and the headers it reads
/// (<see cref="AcceptedHeaders"/>), so the document and the behaviour cannot drift apart; and says what each path
/// parameter is, with an example.
/// </summary>
internal sealed class ContractOperations : IOpenApiOperationTransformer
{
    private static readonly RequestHeader TenantHeader = new(CallerResolver.TenantHeader,
        "Platform admins only: act in this tenant (its 32-hex-digit id). Anyone else may only name their own tenant (403 otherwise).",
        "9f8c2a4b1d3e4f5a8b7c6d5e4f3a2b1c");

    /// <summary>The path parameters' meaning, one vocabulary for every route.</summary>
    private static readonly Dictionary<string, (string Description, string Example)> PathParameters = new(StringComparer.Ordinal)
    {
        ["name"] = ("The new log's name: 1–64 characters of A-Z, a-z, 0-9, '.', '_' and '-', unique in the tenant.", "orders"),
        ["log_id"] = ("The log's id, as its create answered (another tenant's log is 404, as if it did not exist).", "3f0c5b9e-6a1d-4c2b-9e8f-7a6b5c4d3e2f"),
        ["view_name"] = ("The view's name: 1–64 characters of A-Z, a-z, 0-9, '.', '_' and '-'.", "counter"),
        ["key_id"] = ("The API key's id, as its create answered.", "5b2e9c1f0a7d4e3b8c6f1a2d3e4b5c6d"),
    };

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        foreach (var parameter in (operation.Parameters ?? []).OfType<OpenApiParameter>().Where(p => p.In == ParameterLocation.Path))
        {
            if (parameter.Name is { } name && PathParameters.TryGetValue(name, out var known))
            {
                parameter.Description = known.Description;
                parameter.Example = JsonValue.Create(known.Example);
            }
        }

        if (metadata.OfType<IAuthorizeData>().Any() && !metadata.OfType<IAllowAnonymous>().Any())
        {
            operation.Security ??= [];
            operation.Security.Add(new OpenApiSecurityRequirement
            {
                [new OpenApiSecuritySchemeReference(ContractDocument.BearerScheme, context.Document)] = [],
            });
            Add(operation, Header(TenantHeader));
        }

        foreach (var parameter in metadata.OfType<AllowedQueryParameters>().SelectMany(allowed => allowed.Parameters))
        {
            Add(operation, new OpenApiParameter
            {
                Name = parameter.Name,
                In = ParameterLocation.Query,
                Description = parameter.Description,
                Schema = parameter.IsInteger
                    ? new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int64", Minimum = "0" }
                    : new OpenApiSchema { Type = JsonSchemaType.String },
                Example = parameter.IsInteger
                    ? JsonValue.Create(long.Parse(parameter.Example, CultureInfo.InvariantCulture))
                    : JsonValue.Create(parameter.Example),
            });
        }

        foreach (var header in metadata.OfType<AcceptedHeaders>().SelectMany(accepted => accepted.Headers))
        {
            Add(operation, Header(header));
        }

        return Task.CompletedTask;
    }

    private static OpenApiParameter Header(RequestHeader header) => new()
    {
        Name = header.Name,
        In = ParameterLocation.Header,
        Description = header.Description,
        Schema = new OpenApiSchema { Type = JsonSchemaType.String },
        Example = JsonValue.Create(header.Example),
    };

    private static void Add(OpenApiOperation operation, OpenApiParameter parameter)
    {
        operation.Parameters ??= [];
        operation.Parameters.Add(parameter);
    }
}
