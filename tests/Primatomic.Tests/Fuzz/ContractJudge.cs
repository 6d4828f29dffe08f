using System.Text;
using Primatomic.Tests.Contract;

namespace Primatomic.Tests.Fuzz;

/// <summary>
/// Holds the published document to what hostile requests really get: a problem answered on a documented operation
/// must have a documented status, and a <c>code</c> the document lists for that operation and status.
/// </summary>
internal sealed class ContractJudge(PublishedContract contract)
{
    /// <returns>What the document does not say about this answer, grouped alike, or null when it says it.</returns>
    public string? Fault(FuzzCase request, RawHttp.Response? response)
    {
        var contentType = response?.Headers.GetValueOrDefault("Content-Type", "") ?? "";
        if (response is null || !contentType.StartsWith("application/problem+json", StringComparison.OrdinalIgnoreCase)
            || RequestLine(request.Bytes) is not var (method, path) || contract.Find(method, path) is not var (template, _))
        {
            return null;
        }

        var problems = contract.Check(method, path, response.Status, "application/problem+json", response.Body);
        return problems.Count == 0 ? null : $"undocumented: {method} {template} {response.Status} {CodeOf(response.Body)}";
    }

    /// <summary>The method and path (no query) of a raw request's first line, or null when it has none a client would send.</summary>
    private static (string Method, string Path)? RequestLine(byte[] bytes)
    {
        var text = Encoding.Latin1.GetString(bytes, 0, Math.Min(bytes.Length, 8192));
        var line = text.Split("\r\n", 2)[0].Split(' ');
        if (line.Length != 3 || !line[1].StartsWith('/'))
        {
            return null;
        }

        var path = line[1].Split('?', 2)[0];
        // Kestrel removes dot segments before routing ("/logs/x/views/.." reaches /logs/x): judge the route it reached.
        return path.Contains('%', StringComparison.Ordinal) || path.Any(c => c <= ' ' || c >= '\u007f' || c == '\\') || !Uri.TryCreate("http://service" + path, UriKind.Absolute, out var target)
            ? null
            : (line[0], target.AbsolutePath);
    }

    private static string CodeOf(string body)
    {
        var at = body.IndexOf("\"code\":\"", StringComparison.Ordinal);
        return at < 0 ? "(no code)" : body[(at + 8)..].Split('"', 2)[0];
    }
}
