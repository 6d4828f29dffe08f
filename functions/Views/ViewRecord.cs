namespace Primatomic.Functions.Views;

/// <summary>A deployed view: which component runs it and which deployment (version) this is.</summary>
public sealed record ViewRecord(string LogId, string Name, string ContentHash, long Version, DateTimeOffset CreatedAt);
