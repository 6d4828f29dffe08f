namespace Primatomic.Functions.Views;

/// <summary>Limits for untrusted view code. Bound from the <c>Views</c> configuration section.</summary>
public sealed class ViewLimits
{
    public const string Section = "Views";

    /// <summary>Largest accepted component binary.</summary>
    public int MaxComponentBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>Linear memory one view instance may hold (all its memories together).</summary>
    public long MaxMemoryBytes { get; set; } = 256L * 1024 * 1024;

    /// <summary>Wall-clock budget of one call into the view; an infinite loop traps after about this long.</summary>
    public TimeSpan CallTimeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Largest query answer, in bytes.</summary>
    public int MaxQueryOutputBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>Largest snapshot, in bytes.</summary>
    public int MaxSnapshotBytes { get; set; } = 64 * 1024 * 1024;

    /// <summary>How long <c>query?after=N</c> waits for this instance's replica to reach N before answering 503.</summary>
    public TimeSpan QueryWaitTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often a replica looks at the log when no local commit woke it (other instances' appends).</summary>
    public TimeSpan FollowPoll { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>A replica writes a checkpoint after this many new events...</summary>
    public int CheckpointEvents { get; set; } = 10_000;

    /// <summary>...or after this long with any new events.</summary>
    public TimeSpan CheckpointInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often each instance looks for deployed, redeployed and deleted views.</summary>
    public TimeSpan SupervisePoll { get; set; } = TimeSpan.FromSeconds(5);
}
