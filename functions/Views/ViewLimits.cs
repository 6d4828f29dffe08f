using System.ComponentModel.DataAnnotations;
using Primatomic.Functions.Hosting;

namespace Primatomic.Functions.Views;

/// <summary>
/// Limits for untrusted view code. Bound from the <c>Views</c> configuration section. Work is counted in Wasmtime
/// fuel (about one unit per WebAssembly instruction), never in wall-clock time, so whether a view fails depends only
/// on its code and its input.
/// </summary>
[SettingsSection(Section)]
public sealed class ViewLimits
{
    public const string Section = "Views";

    /// <summary>Largest accepted component binary.</summary>
    [Range(1024, 256 * 1024 * 1024)]
    public int MaxComponentBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>Largest function body in any core module of a component, in bytes.</summary>
    [Range(1024, 8 * 1024 * 1024)]
    public int MaxFunctionBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>Linear memory one view instance may hold, all its memories together.</summary>
    [Range(1L << 20, 4L << 30)]
    public long MaxMemoryBytes { get; set; } = 256L * 1024 * 1024;

    /// <summary>Linear memories a view may define; <see cref="MaxMemoryBytes"/> is shared evenly between those it has.</summary>
    [Range(1, 64)]
    public int MaxMemories { get; set; } = 4;

    /// <summary>Tables a view may define...</summary>
    [Range(1, 1000)]
    public int MaxTables { get; set; } = 16;

    /// <summary>...and elements per table (a function reference is 8 to 16 bytes): 16 tables of 100,000 take at most 25 MiB.</summary>
    [Range(1, 10_000_000)]
    public int MaxTableElements { get; set; } = 100_000;

    /// <summary>Work one event may take in <c>append</c> (fuel units); the view fails at the event that exceeds it.</summary>
    [Range(1_000L, long.MaxValue / 4)]
    public long FuelPerEvent { get; set; } = 100_000_000;

    /// <summary>Work one <c>query</c> may take; exceeding it fails that query only.</summary>
    [Range(1_000L, long.MaxValue / 4)]
    public long FuelPerQuery { get; set; } = 1_000_000_000;

    /// <summary>Work that instantiation plus <c>init</c>, one <c>snapshot</c> or one <c>restore</c> may each take.</summary>
    [Range(1_000L, long.MaxValue / 4)]
    public long FuelPerCall { get; set; } = 2_000_000_000;

    /// <summary>Largest query answer, in bytes.</summary>
    [Range(1024, 1 << 30)]
    public int MaxQueryOutputBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>Largest snapshot, in bytes.</summary>
    [Range(1024, 1 << 30)]
    public int MaxSnapshotBytes { get; set; } = 64 * 1024 * 1024;

    /// <summary>How long <c>query?after=N</c> waits for this instance's replica to reach N before answering 503.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan QueryWaitTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often a replica looks at the log when no local commit woke it (other instances' appends).</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan FollowPoll { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>A replica writes a checkpoint after this many new events...</summary>
    [Range(1, int.MaxValue)]
    public int CheckpointEvents { get; set; } = 10_000;

    /// <summary>...or after this long with any new events.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "1.00:00:00")]
    public TimeSpan CheckpointInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often each instance looks for deployed, redeployed and deleted views.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan SupervisePoll { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Memory (heap and writable mappings) the compiler process may use for one component.</summary>
    [Range(64L << 20, 16L << 30)]
    public long CompileMemoryBytes { get; set; } = 1L << 30;

    /// <summary>Wall-clock limit of one compile (its CPU-time limit, over all its threads, is this times the cores, at least twice).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:30:00")]
    public TimeSpan CompileTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Compiles running at once on one instance; more wait up to <see cref="CompileQueueTimeout"/>, then 503.</summary>
    [Range(1, 64)]
    public int MaxConcurrentCompiles { get; set; } = 2;

    /// <summary>Compiles one tenant may run or queue at once on one instance; more is 429.</summary>
    [Range(1, 64)]
    public int MaxConcurrentCompilesPerTenant { get; set; } = 1;

    /// <summary>How long a deploy waits for a free compiler.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan CompileQueueTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Views one log may have; deploying another is 409 VIEW_LIMIT_REACHED.</summary>
    [Range(1, 10_000)]
    public int MaxViewsPerLog { get; set; } = 20;

    /// <summary>Views one tenant may have over all its logs.</summary>
    [Range(1, 1_000_000)]
    public int MaxViewsPerTenant { get; set; } = 100;
}
