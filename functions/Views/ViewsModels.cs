namespace Primatomic.Functions.Views;

// The views API's JSON shapes (snake_case on the wire).

public sealed record DeployViewResponse(bool Success, long Version, string ContentHash);

public sealed record ViewSummary(string ViewName, long Version, string ContentHash, DateTimeOffset CreatedAt);

public sealed record ViewListResponse(IReadOnlyList<ViewSummary> Views);

public sealed record DeleteViewResponse(bool Success);

public sealed record ViewStatsResponse(
    string ViewName,
    string LogName,
    string? LeaderStatus,
    string? LeaderNodeId,
    string ServingNodeId,
    long ProcessedSequence,
    long CreatedAt,
    long HeadSequence,
    string Status,
    string? LastError,
    long? FailedSequence,
    long? CheckpointSequence,
    double ApplyRate,
    long EventsApplied,
    long RestoredFromSequence,
    long Version,
    string ReplicaHere);
