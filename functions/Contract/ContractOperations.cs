using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Primatomic.Functions.Hosting;

namespace Primatomic.Functions.Contract;

/// <summary>
/// Fills each operation from the same metadata the service acts on: the bearer scheme where authorization needs a
/// token, and the query parameters the route declares (<see cref="AllowedQueryParameters"/>, which the
/// unknown-parameter check enforces), so the document and the behaviour cannot drift apart.
/// </summary>
internal sealed class ContractOperations : IOpenApiOperationTransformer
{
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
        }

        foreach (var parameter in metadata.OfType<AllowedQueryParameters>().SelectMany(allowed => allowed.Parameters))
        {
            operation.Parameters ??= [];
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = parameter.Name,
                In = ParameterLocation.Query,
                Required = false,
                Description = parameter.Description,
                Schema = parameter.IsInteger
                    ? new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int64", Minimum = "0" }
                    : new OpenApiSchema { Type = JsonSchemaType.String },
            });
        }

        return Task.CompletedTask;
    }
}
