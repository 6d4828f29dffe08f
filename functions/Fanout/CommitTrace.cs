using System.Diagnostics;

namespace Primatomic.Functions.Fanout;

/// <summary>The trace context of the commit that stored sequences <see cref="First"/>..<see cref="Last"/> of a log.</summary>
public readonly record struct CommitTrace(long First, long Last, ActivityContext Context)
{
    /// <summary>The contexts of the commits that stored any of <paramref name="first"/>..<paramref name="last"/> (bounded).</summary>
    public static IReadOnlyList<ActivityContext> Covering(IReadOnlyList<CommitTrace> traces, long first, long last) =>
        traces.Count == 0 ? [] : Hosting.Telemetry.TraceContexts.Merge(traces.Where(t => t.Last >= first && t.First <= last).Select(t => t.Context));
}
