using System.Text.Encodings.Web;
using System.Text.Json;

namespace Primatomic.Functions.Hosting;

/// <summary>
/// JSON as people read it: apostrophes, quotes in text and non-ASCII letters are written as themselves, not as
/// <c>\u0027</c> escapes. The default encoder escapes them for JSON pasted into HTML; this service answers only
/// <c>application/json</c>, <c>application/problem+json</c> and bytes, all with <c>X-Content-Type-Options: nosniff</c>.
/// </summary>
public static class ReadableJson
{
    public static JavaScriptEncoder Encoder => JavaScriptEncoder.UnsafeRelaxedJsonEscaping;

    /// <summary>Options for writing documents that are not bound to a route (problem responses).</summary>
    public static JsonSerializerOptions Options { get; } = new() { Encoder = Encoder };
}
