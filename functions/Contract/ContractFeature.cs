using Primatomic.Functions.Hosting;

namespace Primatomic.Functions.Contract;

/// <summary>
/// The service's published contract: an OpenAPI 3.1 document generated from the endpoints themselves, so a route
/// cannot exist without being in it. Served anonymously at <see cref="DocumentPath"/>, and a function like any other
/// route, so it is reachable in Azure too.
/// </summary>
public static class ContractFeature
{
    public const string DocumentName = "v1";
    public const string DocumentPath = "/openapi/v1.json";

    public static WebApplicationBuilder AddContract(this WebApplicationBuilder builder)
    {
        builder.Services.AddOpenApi(DocumentName, options =>
        {
            options.AddDocumentTransformer<ContractDocument>();
            options.AddOperationTransformer<ContractOperations>();
        });
        return builder;
    }

    public static IEndpointRouteBuilder MapContractApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapOpenApi(DocumentPath).WithName("OpenApiDocument").AllowAnonymous();
        return endpoints;
    }
}
