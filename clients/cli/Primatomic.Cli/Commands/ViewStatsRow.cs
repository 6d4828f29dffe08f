using System.Globalization;
using Primatomic.Client;

namespace Primatomic.Cli.Commands;

/// <summary>A view's stats as <c>views stats</c> prints them: the service's fields plus the lag they imply.</summary>
internal sealed record ViewStatsRow(
    string ViewName,
    string LogName,
    string Status,
    string? LeaderStatus,
    string? LeaderNodeId,
    string ServingNodeId,
    long ProcessedSequence,
    long HeadSequence,
    long Lag,
    long? CheckpointSequence,
    long? FailedSequence,
    string? LastError,
    double ApplyRate,
    long EventsApplied,
    long Version,
    long CreatedAt,
    string ReplicaHere)
{
    public static ViewStatsRow From(ViewStats s) => new(
        s.ViewName, s.LogName, s.Status, s.LeaderStatus, s.LeaderNodeId, s.ServingNodeId, s.ProcessedSequence, s.HeadSequence,
        s.Lag, s.CheckpointSequence, s.FailedSequence, s.LastError, s.ApplyRate, s.EventsApplied, s.Version, s.CreatedAt, s.ReplicaHere);

    public IEnumerable<IReadOnlyList<string>> Rows()
    {
        static string Text(object? value) => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";
        yield return ["view", ViewName];
        yield return ["log", LogName];
        yield return ["status", Status];
        yield return ["leader", $"{LeaderStatus ?? "none"} {LeaderNodeId}".TrimEnd()];
        yield return ["processed / head", $"{ProcessedSequence} / {HeadSequence} (lag {Lag})"];
        yield return ["checkpoint", Text(CheckpointSequence)];
        yield return ["apply rate", $"{ApplyRate.ToString("F0", CultureInfo.InvariantCulture)} events/s"];
        yield return ["version", Text(Version)];
        if (Status == "failed")
        {
            yield return ["failed at", Text(FailedSequence)];
            yield return ["last error", LastError ?? ""];
        }
    }
}
