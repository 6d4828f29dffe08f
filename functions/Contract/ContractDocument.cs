using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Primatomic.Functions.Contract;

/// <summary>
/// What the document says about the service as a whole: its name, the bearer scheme every protected route uses, and
/// the <see cref="ProblemSchema">problem</see> every failure answers with.
/// </summary>
internal sealed class ContractDocument : IOpenApiDocumentTransformer
{
    public const string BearerScheme = "bearer";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info = new OpenApiInfo
        {
            Title = "Primatomic",
            Version = "1",
            Description = "Append-only event logs with gap-free sequences, and WebAssembly views folded from them with "
                + "read-after-write queries (query?after=SEQ). Errors are RFC 9457 problem documents with a stable code; "
                + "each operation lists the codes it can answer per status. Concepts and guarantees: docs/api.md in the repository.",
        };
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "JWT",
            Description = "An access token from POST /auth/login or POST /auth/token (API key exchange).",
        };
        ProblemSchema.AddTo(document);
        // No absolute server: the generator would name the host the request reached, which under the Functions host
        // is the handler's loopback port. Without one, clients use the origin they fetched the document from.
        document.Servers = null;
        return Task.CompletedTask;
    }
}
