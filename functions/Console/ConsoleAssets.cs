using System.Collections.Frozen;
using System.Security.Cryptography;

namespace Primatomic.Functions.WebConsole;

/// <summary>
/// The console's files, read once from this assembly's embedded resources (see the project file), each with its
/// content type and a strong ETag of its bytes. Every answer carries a Content-Security-Policy that lets the page
/// load and call only its own origin, and <c>Cache-Control: no-cache</c>: browsers keep a copy but revalidate it
/// (a cheap 304), so a new deployment is picked up at once.
/// </summary>
public sealed class ConsoleAssets
{
    public const string PageFile = "index.html";
    public const string ResourcePrefix = "Primatomic.Functions.Console.Assets.";

    /// <summary>Only 'self': no inline script or style, no other origin, no plugins, no framing, no base rewrite.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; font-src 'self'; " +
        "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    private static readonly FrozenDictionary<string, string> ContentTypes = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [".html"] = "text/html; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".svg"] = "image/svg+xml",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private readonly FrozenDictionary<string, ConsoleAsset> _files;

    private ConsoleAssets(FrozenDictionary<string, ConsoleAsset> files) => _files = files;

    public IEnumerable<string> Names => _files.Keys;

    public static ConsoleAssets FromAssembly()
    {
        var assembly = typeof(ConsoleAssets).Assembly;
        var files = new Dictionary<string, ConsoleAsset>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            var name = resource[ResourcePrefix.Length..];
            var contentType = ContentTypes.GetValueOrDefault(Path.GetExtension(name))
                ?? throw new InvalidOperationException($"Console file '{name}' has no known content type.");
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            var bytes = copy.ToArray();
            files[name] = new ConsoleAsset(bytes, contentType, $"\"{Convert.ToHexStringLower(SHA256.HashData(bytes))[..32]}\"");
        }

        if (!files.ContainsKey(PageFile))
        {
            throw new InvalidOperationException($"The console's {PageFile} is not embedded in this build.");
        }

        return new ConsoleAssets(files.ToFrozenDictionary(StringComparer.Ordinal));
    }

    public bool Contains(string name) => _files.ContainsKey(name);

    public IResult Serve(HttpContext http, string name)
    {
        var file = _files[name];
        var headers = http.Response.Headers;
        headers.ETag = file.ETag;
        headers.CacheControl = "no-cache";
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers["Referrer-Policy"] = "no-referrer";
        headers.XFrameOptions = "DENY";
        return Matches(http.Request.Headers.IfNoneMatch.ToString(), file.ETag)
            ? TypedResults.StatusCode(StatusCodes.Status304NotModified)
            : TypedResults.Bytes(file.Bytes, file.ContentType);
    }

    /// <summary>If-None-Match holds a list of ETags, or <c>*</c>.</summary>
    private static bool Matches(string ifNoneMatch, string etag) =>
        ifNoneMatch.Split(',', StringSplitOptions.TrimEntries).Any(tag => tag == etag || tag == "*");
}
