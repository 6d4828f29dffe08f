namespace Primatomic.Functions.Hosting;

/// <summary>
/// Endpoint metadata: the query parameters a route defines. Every route is checked by
/// <see cref="UnknownQueryParameters"/>; one without this metadata defines none, so a new route cannot forget. The
/// same declarations describe the parameters in the published OpenAPI document.
/// </summary>
public sealed class AllowedQueryParameters(IReadOnlyList<QueryParameter> parameters)
{
    public IReadOnlyList<QueryParameter> Parameters { get; } = parameters;

    /// <summary>Compared like ASP.NET Core reads them: <c>Request.Query</c> is case-insensitive.</summary>
    public IReadOnlySet<string> Names { get; } = new HashSet<string>(parameters.Select(p => p.Name), StringComparer.OrdinalIgnoreCase);
}

/// <summary>One query parameter a route reads: its name, whether it is a whole number, what it means, and an example value.</summary>
public sealed record QueryParameter(string Name, bool IsInteger, string Description, string Example)
{
    public static QueryParameter WholeNumber(string name, string description, long example) =>
        new(name, true, description, example.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public static QueryParameter Text(string name, string description, string example) => new(name, false, description, example);
}

public static class AllowedQueryParametersExtensions
{
    /// <summary>Declares the query parameters this route reads; any other is answered 400 VALIDATION_ERROR.</summary>
    public static TBuilder AcceptsQuery<TBuilder>(this TBuilder builder, params QueryParameter[] parameters)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new AllowedQueryParameters(parameters));
}
