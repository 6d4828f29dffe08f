using Azure;

namespace Primatomic.Functions.Logs.Storage;

/// <summary>A log's head row as last seen: the last committed sequence, its ETag and the commit that wrote it.</summary>
internal sealed record HeadState(long Head, ETag? ETag, string? LastCommit)
{
    public static readonly HeadState Missing = new(0, null, null);

    /// <summary>False before the first commit: the next commit then inserts the head row instead of updating it.</summary>
    public bool Exists => ETag is not null;
}
