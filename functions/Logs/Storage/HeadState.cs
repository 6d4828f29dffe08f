using Azure;

namespace Primatomic.Functions.Logs.Storage;

/// <summary>
/// A log's head row as last seen: the last committed sequence, its ETag, the commit that wrote it, and where the
/// idempotency window starts (<c>KeysFrom</c>: no remembered keyed append lies before it; absent on heads written
/// before keys moved into segment rows, and then no such append exists).
/// </summary>
internal sealed record HeadState(long Head, ETag? ETag, string? LastCommit, long? KeysFrom = null)
{
    public const string KeysFromProperty = "KeysFrom";

    public static readonly HeadState Missing = new(0, null, null);

    /// <summary>False before the first commit: the next commit then inserts the head row instead of updating it.</summary>
    public bool Exists => ETag is not null;

    /// <summary>Where a writer that never read the window must scan from to find every remembered key.</summary>
    public long WindowStart => KeysFrom ?? Head + 1;
}
