using System.ComponentModel;
using Primatomic.Functions.Contract;

namespace Primatomic.Functions.Views;

/// <summary>
/// A view's state as <c>GET …/stats</c> answers it. <c>processed_sequence</c> and the members after it describe the
/// replica on the instance that answered (<c>serving_node_id</c>).
/// </summary>
[SchemaName("ViewStats")]
public sealed record ViewStatsResponse(
    [property: Description("The view's name.")] string ViewName,
    [property: Description("The name of the view's log.")] string LogName,
    [property: Description("\"ready\" while some instance leads the view's shard and the view has not failed; null otherwise.")]
    string? LeaderStatus,
    [property: Description("The instance holding the lease of the view's shard; null when none does or the view failed.")]
    string? LeaderNodeId,
    [property: Description("The instance that answered.")] string ServingNodeId,
    [property: Description("The last sequence this replica has applied.")] long ProcessedSequence,
    [property: Description("When this version was deployed, in Unix seconds (the one timestamp not in ISO 8601, kept for Primatomic clients).")]
    long CreatedAt,
    [property: Description("The log's head sequence: the view's lag is head_sequence - processed_sequence.")] long HeadSequence,
    [property: Description("\"running\" or \"failed\".")] string Status,
    [property: Description("Why the view failed; null while it runs.")] string? LastError,
    [property: Description("The event the view failed at; null while it runs.")] long? FailedSequence,
    [property: Description("The sequence of this replica's latest checkpoint (0 before its first).")] long? CheckpointSequence,
    [property: Description("Events applied per second of time spent inside `apply`.")] double ApplyRate,
    [property: Description("Events applied by this replica since it started.")] long EventsApplied,
    [property: Description("The checkpoint this replica started from; 0 if none.")] long RestoredFromSequence,
    [property: Description("The deployment's version.")] long Version,
    [property: Description("\"leading\" where the view is led, \"on_demand\" where a query or stats loaded it.")] string ReplicaHere);
