namespace Primatomic.Client;

/// <summary>One page of the tenant's logs, in name order.</summary>
/// <param name="Logs">The logs on this page.</param>
/// <param name="Continuation">Pass it to get the next page; null on the last one.</param>
public sealed record LogPage(IReadOnlyList<LogInfo> Logs, string? Continuation);
