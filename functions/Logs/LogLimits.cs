namespace Primatomic.Functions.Logs;

/// <summary>
/// Every size and count limit of the logs API and its storage layout in one place, so docs and code agree.
/// Table Storage bounds: an entity under 1 MiB, a binary property at most 64 KiB, a transaction at most 100
/// operations and under 4 MiB on the wire (payload travels base64-encoded, so 4/3 of the raw bytes).
/// </summary>
public static class LogLimits
{
    public const int MaxEventBytes = 1024 * 1024;
    public const int MaxBatchEvents = 100;

    /// <summary>2 MiB raw is about 2.7 MiB of base64 in the request and in the storage transaction.</summary>
    public const int MaxBatchBytes = 2 * 1024 * 1024;

    /// <summary>Raw payload one commit may carry: about 3.4 MiB of base64 plus framing, safely under 4 MiB.</summary>
    public const int MaxCommitPayloadBytes = 2560 * 1024;

    /// <summary>Keeps a segment's <c>Lens</c> property (4 bytes per event) small.</summary>
    public const int MaxCommitEvents = 1000;

    public const int MaxCommitOperations = 100;
    public const int PropertyBytes = 64 * 1024;
    public const int MainRowDataProperties = 14;
    public const int PartRowDataProperties = 15;

    public const int MaxPageBytes = 4 * 1024 * 1024;
    public const int DefaultPageLimit = 100;
    public const int MaxPageLimit = 1000;
    public const int MaxWaitSeconds = 30;

    /// <summary>How often a log's one long-poll watch reads its head when no commit of this process woke it.</summary>
    public static readonly TimeSpan HeadPollInterval = TimeSpan.FromMilliseconds(200);

    /// <summary>Heads one <c>GET /logs</c> reads at once: enough to hide latency, too few to crowd out other tenants.</summary>
    public const int ListHeadReads = 8;

    public const int MaxIdempotencyKeyLength = 200;
    public const int MaxNameLength = 64;
}
