namespace Primatomic.Functions.Hosting;

/// <summary>
/// Refuses query parameters a route does not define (see <see cref="AllowedQueryParameters"/>) with 400
/// VALIDATION_ERROR naming the first one, instead of silently ignoring them: <c>events?before=10</c> must not answer a
/// forward page. Only routed endpoints are checked; 404 and 405 answers are left to their own handlers.
/// </summary>
public static class UnknownQueryParameters
{
    private static readonly IReadOnlySet<string> None = new HashSet<string>();

    public static IApplicationBuilder UseUnknownQueryParameterCheck(this IApplicationBuilder app) => app.Use(next => context =>
    {
        var endpoint = context.GetEndpoint();
        if (endpoint?.Metadata.GetMetadata<IHttpMethodMetadata>() is not null && context.Request.Query.Count > 0)
        {
            var allowed = endpoint.Metadata.GetMetadata<AllowedQueryParameters>()?.Names ?? None;
            foreach (var name in context.Request.Query.Keys)
            {
                if (!allowed.Contains(name))
                {
                    throw new ApiException(StatusCodes.Status400BadRequest, ErrorCodes.ValidationError,
                        allowed.Count == 0
                            ? $"Unknown query parameter '{name}': this route takes no query parameters."
                            : $"Unknown query parameter '{name}': this route takes {string.Join(", ", allowed.Order(StringComparer.Ordinal))}.",
                        new Dictionary<string, object?> { ["parameter"] = name });
                }
            }
        }

        return next(context);
    });
}
