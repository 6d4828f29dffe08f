using System.Buffers.Text;
using System.Text;
using Primatomic.Functions.Hosting;

namespace Primatomic.Functions.Logs;

/// <summary>
/// The query of <c>GET /logs</c>: a page (<c>limit</c>, <c>continuation</c>) or a lookup by <c>name</c>. A continuation
/// token is the base64url of "1:" and the last name of the previous page: opaque to clients, and checked like a name,
/// so a forged or damaged token is a 400, never a wrong page.
/// </summary>
internal sealed record LogListRequest(string? Name, string? AfterName, int Limit)
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;
    private const string TokenVersion = "1:";

    public static LogListRequest From(HttpRequest request)
    {
        var limit = (int)(QueryParameters.WholeNumber(request, "limit", 1, MaxLimit) ?? DefaultLimit);
        var name = Single(request, "name");
        var continuation = Single(request, "continuation");
        if (name is not null)
        {
            if (continuation is not null || request.Query.ContainsKey("limit"))
            {
                throw ApiException.Validation("'name' looks up one log and takes neither 'limit' nor 'continuation'.");
            }

            return LogCatalog.IsValidName(name) ? new(name, null, 1) : throw ApiException.Validation("'name' is not a valid log name.");
        }

        return new(null, continuation is null ? null : AfterNameOf(continuation), limit);
    }

    public static string TokenAfter(string lastName) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(TokenVersion + lastName));

    private static string AfterNameOf(string token)
    {
        var text = token.Length <= 128 && Base64Url.IsValid(token) ? Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token)) : "";
        return text.StartsWith(TokenVersion, StringComparison.Ordinal) && LogCatalog.IsValidName(text[TokenVersion.Length..])
            ? text[TokenVersion.Length..]
            : throw ApiException.Validation("'continuation' is not a token this API issued; pass the one from the previous page.");
    }

    private static string? Single(HttpRequest request, string parameter) => request.Query.TryGetValue(parameter, out var values)
        ? values.Count == 1 && !string.IsNullOrEmpty(values[0]) ? values[0] : throw ApiException.Validation($"'{parameter}' must be given once, not empty.")
        : null;
}
