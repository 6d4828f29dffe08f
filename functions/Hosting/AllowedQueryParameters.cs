namespace Primatomic.Functions.Hosting;

/// <summary>
/// Endpoint metadata: the query parameters a route defines. Every route is checked by
/// <see cref="UnknownQueryParameters"/>; one without this metadata defines none, so a new route cannot forget.
/// </summary>
public sealed class AllowedQueryParameters(IReadOnlyList<string> names)
{
    /// <summary>Compared like ASP.NET Core reads them: <c>Request.Query</c> is case-insensitive.</summary>
    public IReadOnlySet<string> Names { get; } = new HashSet<string>(names, StringComparer.OrdinalIgnoreCase);
}

public static class AllowedQueryParametersExtensions
{
    /// <summary>Declares the query parameters this route reads; any other is answered 400 VALIDATION_ERROR.</summary>
    public static TBuilder AcceptsQuery<TBuilder>(this TBuilder builder, params string[] names)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new AllowedQueryParameters(names));
}
