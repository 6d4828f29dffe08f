using System.ComponentModel;
using Primatomic.Functions.Contract;

namespace Primatomic.Functions.Views;

// The views API's JSON shapes (snake_case on the wire), with the names and meanings the published document gives them.
// Stats: ViewStatsResponse.cs.

[SchemaName("DeployedView")]
public sealed record DeployViewResponse(
    [property: Description("Always true: the component compiled, started, and is stored.")] bool Success,
    [property: Description("The deployment's version: 1 for a new view, one more on each redeploy.")] long Version,
    [property: Description("SHA-256 of the component's bytes, hex.")] string ContentHash);

[SchemaName("View")]
public sealed record ViewSummary(
    [property: Description("The view's name.")] string ViewName,
    [property: Description("The deployment's version.")] long Version,
    [property: Description("SHA-256 of the component's bytes, hex.")] string ContentHash,
    [property: Description("When this version was deployed (ISO 8601, UTC, milliseconds).")] DateTimeOffset CreatedAt);

[SchemaName("ViewList")]
public sealed record ViewListResponse([property: Description("The log's views.")] IReadOnlyList<ViewSummary> Views);

[SchemaName("DeletedView")]
public sealed record DeleteViewResponse([property: Description("Always true: the view and all its checkpoints are gone.")] bool Success);
