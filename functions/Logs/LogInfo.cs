namespace Primatomic.Functions.Logs;

/// <summary>A log in a tenant's catalogue.</summary>
public sealed record LogInfo(string LogId, string Name, DateTimeOffset CreatedAt);
