namespace Primatomic.Functions.Views.Placement;

/// <summary>
/// The periodic pass over the views led here, in place of a timer per view: one with events since its checkpoint
/// writes it when due by time; one idle for <c>Views__HibernateAfter</c> checkpoints and hibernates.
/// </summary>
internal static class LedViewSweeps
{
    /// <summary>
    /// Has each led replica do its pass; with <paramref name="force"/>, every led replica (the ViewSweeper). Returns
    /// how many hibernated.
    /// </summary>
    public static async Task<int> RunAsync(IEnumerable<ViewReplica> replicas, TimeSpan hibernateAfter, bool force, CancellationToken cancellationToken)
    {
        var now = Environment.TickCount64;
        var led = replicas.Where(r => r.IsLeader && r.Failure is null).ToList();
        var idle = led.Where(r => !r.IsHibernating && now - r.LastActive >= hibernateAfter.TotalMilliseconds).ToList();
        var due = led.Except(idle).Where(r => force || r.ProcessedSequence > r.CheckpointSequence);
        await Task.WhenAll(due.Select(r => SweepAsync(r, hibernate: false, cancellationToken))
            .Concat(idle.Select(r => SweepAsync(r, hibernate: true, cancellationToken))));
        return idle.Count(r => r.IsHibernating);
    }

    private static async Task SweepAsync(ViewReplica replica, bool hibernate, CancellationToken cancellationToken)
    {
        try
        {
            await (hibernate ? replica.HibernateAsync(cancellationToken) : replica.SweepAsync(cancellationToken));
        }
#pragma warning disable CA1031 // a sweep is a nudge; the replica retries its own errors
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }
}
