using System.Text.RegularExpressions;

namespace Primatomic.Testing;

/// <summary>
/// What one storage request is, seen from the wire: which table or container ("table:events", "blob:views", with
/// the service's name prefix removed) and what kind of work (read, query, write, lease, list, other). A table
/// <c>$batch</c> names its table only inside the body, one line per operation, so the body is read for it.
/// </summary>
public static partial class StorageRequestKind
{
    public const string Read = "read";
    public const string Query = "query";
    public const string Write = "write";
    public const string Lease = "lease";
    public const string List = "list";

    /// <summary>The resource, the kind, and how many entities a table write carries (a batch: one per changeset part).</summary>
    public static (string Resource, string Kind, int Entities) Classify(bool isTable, string method, string rawTarget, ReadOnlySpan<byte> body, string prefix)
    {
        var queryStart = rawTarget.IndexOf('?', StringComparison.Ordinal);
        var path = Uri.UnescapeDataString(queryStart < 0 ? rawTarget : rawTarget[..queryStart]);
        var query = queryStart < 0 ? "" : rawTarget[queryStart..];
        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var first = parts.Length > 1 ? parts[1] : "";
        var read = method is "GET" or "HEAD";
        return isTable ? ClassifyTable(first, read, body, prefix) : ClassifyBlob(first, parts.Length > 2, read, query, prefix);
    }

    private static (string, string, int) ClassifyTable(string first, bool read, ReadOnlySpan<byte> body, string prefix)
    {
        if (first == "$batch")
        {
            var operations = BatchOperation().Matches(System.Text.Encoding.UTF8.GetString(body));
            var table = operations.Count > 0 ? operations[0].Groups["table"].Value : "?";
            return ("table:" + Strip(table, prefix), Write, operations.Count);
        }

        if (first.StartsWith("Tables", StringComparison.Ordinal))
        {
            return ("table:(tables)", read ? List : Write, 0);
        }

        var paren = first.IndexOf('(', StringComparison.Ordinal);
        var name = paren < 0 ? first : first[..paren];
        var addressed = paren >= 0 && first.Contains("PartitionKey", StringComparison.Ordinal);
        var resource = "table:" + Strip(name, prefix);
        return read ? (resource, addressed ? Read : Query, 0) : (resource, Write, 1);
    }

    private static (string, string, int) ClassifyBlob(string container, bool hasBlob, bool read, string query, string prefix)
    {
        var resource = "blob:" + Strip(container, prefix.Length == 0 ? "" : prefix + "-");
        var kind = query.Contains("comp=lease", StringComparison.Ordinal) ? Lease
            : query.Contains("comp=list", StringComparison.Ordinal) || (!hasBlob && read) ? List
            : read ? Read
            : Write;
        return (resource, kind, 0);
    }

    private static string Strip(string name, string prefix) =>
        prefix.Length > 0 && name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) ? name[prefix.Length..] : name;

    // One changeset part per operation: "POST http://host/account/table HTTP/1.1" (or PUT/MERGE/PATCH/DELETE to an entity).
    [GeneratedRegex(@"^(?:POST|PUT|MERGE|PATCH|DELETE) https?://[^/\s]+/[^/\s]+/(?<table>[A-Za-z0-9]+)", RegexOptions.Multiline)]
    private static partial Regex BatchOperation();
}
