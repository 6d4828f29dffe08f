using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Primatomic.Functions.Auth;
using Primatomic.Functions.Hosting;

namespace Primatomic.Functions.Contract;

/// <summary>
/// Fills each operation from the same metadata the service acts on: the bearer scheme (and <c>X-Tenant-ID</c>) where
/// authorization needs a token, the query parameters the route declares (<see cref="AllowedQueryParameters"/>, which
/// the unknown-parameter check enforces) and the headers it reads (<see cref="AcceptedHeaders"/>), so the document and
/// the behaviour cannot drift apart.
/// </summary>
internal sealed class ContractOperations : IOpenApiOperationTransformer
{
    private static readonly RequestHeader TenantHeader = new(CallerResolver.TenantHeader,
        "Platform admins only: act in this tenant (its 32-hex-digit id). Anyone else may only name their own tenant (403 otherwise).");

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
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
    };

    private static void Add(OpenApiOperation operation, OpenApiParameter parameter)
    {
        operation.Parameters ??= [];
        operation.Parameters.Add(parameter);
    }
}
