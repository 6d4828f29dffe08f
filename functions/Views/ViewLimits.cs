namespace Primatomic.Functions.Views;

/// <summary>
/// Limits for untrusted view code. Bound from the <c>Views</c> configuration section. Work is counted in Wasmtime
/// fuel (about one unit per WebAssembly instruction), never in wall-clock time, so whether a view fails depends only
/// on its code and its input.
/// </summary>
public sealed class ViewLimits
{
    public const string Section = "Views";

    /// <summary>Largest accepted component binary.</summary>
    public int MaxComponentBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>Linear memory one view instance may hold, all its memories together.</summary>
    public long MaxMemoryBytes { get; set; } = 256L * 1024 * 1024;

    /// <summary>Linear memories a view may define; <see cref="MaxMemoryBytes"/> is shared evenly between those it has.</summary>
    public int MaxMemories { get; set; } = 4;

    /// <summary>Tables a view may define...</summary>
    public int MaxTables { get; set; } = 16;

    /// <summary>...and elements per table (a function reference is 8 to 16 bytes): 16 tables of 100,000 take at most 25 MiB.</summary>
    public int MaxTableElements { get; set; } = 100_000;

    /// <summary>Work one event may take in <c>append</c> (fuel units); the view fails at the event that exceeds it.</summary>
    public long FuelPerEvent { get; set; } = 100_000_000;

    /// <summary>Work one <c>query</c> may take; exceeding it fails that query only.</summary>
    public long FuelPerQuery { get; set; } = 1_000_000_000;

    /// <summary>Work that instantiation plus <c>init</c>, one <c>snapshot</c> or one <c>restore</c> may each take.</summary>
    public long FuelPerCall { get; set; } = 2_000_000_000;

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
