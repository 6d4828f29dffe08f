namespace Primatomic.Benchmarks.Scale;

/// <summary>
/// What drives a storage request of the placed service, from its target alone (the counting proxy asks this for each
/// request): the idle model extrapolates each driver by its own unit (shards, instances, catalogue partitions,
/// followed logs) instead of subtracting noisy totals.
/// </summary>
internal static class IdleDriver
{
    /// <summary>A shard lease blob, <c>placement/shards/NNN</c>: renewed every lease/3 by its holder.</summary>
    public const string Shard = "placement shard";

    /// <summary>A heartbeat blob <c>placement/nodes/{node}</c>, or the listing of <c>placement/</c>: once per instance per interval.</summary>
    public const string Node = "placement node";

    /// <summary>A catalogue partition's <c>~version</c> row: read by its holder every <c>Views__SupervisePoll</c>.</summary>
    public const string CatalogueVersion = "catalogue version";

    /// <summary>A log's head row (RowKey 'h'): when idle, the followers' polls.</summary>
    public const string LogHead = "log head";

    /// <summary>A view checkpoint blob (<c>checkpoints/…</c>): written on hibernation, read on waking or loading.</summary>
    public const string Checkpoint = "checkpoint";

    /// <summary>A component or its compiled artifact (<c>components/…</c>, <c>artifacts/…</c>): read when a view is loaded where its code is not.</summary>
    public const string Code = "component code";

    public static string Describe(bool isTable, string method, string rawTarget)
    {
        var queryStart = rawTarget.IndexOf('?', StringComparison.Ordinal);
        var path = Uri.UnescapeDataString(queryStart < 0 ? rawTarget : rawTarget[..queryStart]);
        var query = queryStart < 0 ? "" : Uri.UnescapeDataString(rawTarget[queryStart..]);
        var parts = path.Split('/', 3, StringSplitOptions.RemoveEmptyEntries); // account, container or table, blob
        if (parts.Length < 2)
        {
            return "";
        }

        if (isTable)
        {
            var read = method is "GET" or "HEAD";
            return !read ? ""
                : parts[1].Contains("viewcatalog(", StringComparison.Ordinal) && parts[1].Contains("RowKey='~version'", StringComparison.Ordinal) ? CatalogueVersion
                : parts[1].Contains("events(", StringComparison.Ordinal) && parts[1].EndsWith("RowKey='h')", StringComparison.Ordinal) ? LogHead
                : "";
        }

        if (!parts[1].EndsWith("views", StringComparison.Ordinal))
        {
            return "";
        }

        var blob = parts.Length > 2 ? parts[2] : "";
        return blob.StartsWith("placement/shards/", StringComparison.Ordinal) ? Shard
            : blob.StartsWith("placement/nodes/", StringComparison.Ordinal) ? Node
            : blob.Length == 0 && query.Contains("prefix=placement/", StringComparison.Ordinal) ? Node
            : blob.StartsWith("checkpoints/", StringComparison.Ordinal) ? Checkpoint
            : blob.StartsWith("components/", StringComparison.Ordinal) || blob.StartsWith("artifacts/", StringComparison.Ordinal) ? Code
            : "";
    }
}
