namespace Primatomic.Client;

/// <summary>A view's progress and health (docs/views.md, "Stats"), as seen by the instance that answered.</summary>
/// <param name="ViewName">The view.</param>
/// <param name="LogName">Its log's name.</param>
/// <param name="LeaderStatus"><c>ready</c> while an instance leads the view and it has not failed; else null.</param>
/// <param name="LeaderNodeId">The leading instance.</param>
/// <param name="ServingNodeId">The instance that answered (the fields from <paramref name="ProcessedSequence"/> on describe its replica).</param>
/// <param name="ProcessedSequence">The last event applied.</param>
/// <param name="CreatedAt">When this deployment was made, in Unix seconds.</param>
/// <param name="HeadSequence">The log's head.</param>
/// <param name="Status"><c>running</c> or <c>failed</c>.</param>
/// <param name="LastError">Why it failed.</param>
/// <param name="FailedSequence">The event it failed at.</param>
/// <param name="CheckpointSequence">Its latest checkpoint.</param>
/// <param name="ApplyRate">Events per second of time spent applying.</param>
/// <param name="EventsApplied">Events applied by this replica since it started.</param>
/// <param name="RestoredFromSequence">The checkpoint it started from (0 if none).</param>
/// <param name="Version">The deployment's version.</param>
/// <param name="ReplicaHere"><c>leading</c> or <c>on_demand</c>.</param>
public sealed record ViewStats(
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
    string ReplicaHere)
{
    /// <summary>Events the replica that answered has yet to apply.</summary>
    public long Lag => Math.Max(0, HeadSequence - ProcessedSequence);
}
