namespace Primatomic.Client;

/// <summary>A view of a log.</summary>
/// <param name="ViewName">Its name.</param>
/// <param name="Version">Its deployment's version.</param>
/// <param name="ContentHash">Its component's hash.</param>
/// <param name="CreatedAt">When this version was deployed (UTC).</param>
public sealed record ViewInfo(string ViewName, long Version, string ContentHash, DateTimeOffset CreatedAt);
