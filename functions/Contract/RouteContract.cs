namespace Primatomic.Functions.Contract;

/// <summary>
/// What the published document says about one route beyond what its handler's signature already tells: a summary
/// and description, examples of a request and an answer, raw (non-JSON) bodies, and every way it can fail that is
/// its own (the failures every route, every token route and every body route share are added for it). Declared
/// beside the route with <see cref="RouteContractExtensions.Documented{TBuilder}"/>; tests keep it true.
/// </summary>
public sealed record RouteContract(string Summary, string Description)
{
    /// <summary>An example JSON request body, serialized as the service reads it (snake_case).</summary>
    public object? RequestExample { get; init; }

    /// <summary>The body when it is bytes rather than JSON (the handler reads it itself).</summary>
    public RawContent? RawRequest { get; init; }

    /// <summary>An example of the success answer's JSON, normally an instance of the record the handler returns.</summary>
    public object? ResponseExample { get; init; }

    /// <summary>The success answer when it is bytes rather than JSON.</summary>
    public RawContent? RawResponse { get; init; }

    /// <summary>The failures that are this route's own.</summary>
    public IReadOnlyList<ProblemCase> Problems { get; init; } = [];
}

public static class RouteContractExtensions
{
    /// <summary>Names, describes and documents the route (see <see cref="RouteContract"/>).</summary>
    public static TBuilder Documented<TBuilder>(this TBuilder builder, RouteContract contract) where TBuilder : IEndpointConventionBuilder =>
        builder.WithSummary(contract.Summary).WithDescription(contract.Description).WithMetadata(contract);
}
