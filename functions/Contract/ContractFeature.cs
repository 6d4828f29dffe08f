using Scalar.AspNetCore;

namespace Primatomic.Functions.Contract;

/// <summary>
/// The service's published contract: an OpenAPI 3.1 document generated from the endpoints themselves, so a route
/// cannot exist without being in it, served anonymously at <see cref="DocumentPath"/>; and an interactive reference
/// built from it at <see cref="DocsPath"/>. Both are functions like any other route, so they are reachable in Azure too.
/// </summary>
public static class ContractFeature
{
    public const string DocumentName = "v1";
    public const string DocumentPath = "/openapi/v1.json";
    public const string DocsPath = "/docs";

    public static WebApplicationBuilder AddContract(this WebApplicationBuilder builder)
    {
        builder.Services.AddOpenApi(DocumentName, options =>
        {
            options.CreateSchemaReferenceId = ContractSchemas.ReferenceId;
            options.AddDocumentTransformer<ContractDocument>();
            options.AddOperationTransformer<ContractOperations>();
            options.AddOperationTransformer<ContractResponses>();
            options.AddSchemaTransformer<ContractSchemas>();
        });
        return builder;
    }

    public static IEndpointRouteBuilder MapContractApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapOpenApi(DocumentPath).WithName("OpenApiDocument").AllowAnonymous();
        DocsPage.Map(endpoints);
        return endpoints;
    }
}
