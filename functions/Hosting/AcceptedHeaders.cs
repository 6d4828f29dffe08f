namespace Primatomic.Functions.Hosting;

/// <summary>
/// Endpoint metadata: request headers a route reads beyond authentication, with what they mean, for the published
/// OpenAPI document (declared beside the route, so the document cannot forget one).
/// </summary>
public sealed class AcceptedHeaders(IReadOnlyList<RequestHeader> headers)
{
    public IReadOnlyList<RequestHeader> Headers { get; } = headers;
}

/// <summary>One optional request header a route reads, what it means, and an example value.</summary>
public sealed record RequestHeader(string Name, string Description, string Example);

public static class AcceptedHeadersExtensions
{
    public static TBuilder AcceptsHeader<TBuilder>(this TBuilder builder, params RequestHeader[] headers)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new AcceptedHeaders(headers));
}
