namespace Primatomic.Functions.Contract;

/// <summary>
/// One way a route can fail: the status, the stable <c>code</c> of the problem document, and when it happens. Routes
/// declare theirs in their <see cref="RouteContract"/>; the published document lists them per operation and status.
/// </summary>
public sealed record ProblemCase(int Status, string Code, string When)
{
    /// <summary>Extension members this problem carries beyond the standard ones, with example values.</summary>
    public IReadOnlyDictionary<string, object?> Extensions { get; init; } = new Dictionary<string, object?>();

    public ProblemCase With(string member, object? example) =>
        this with { Extensions = new Dictionary<string, object?>(Extensions) { [member] = example } };
}
