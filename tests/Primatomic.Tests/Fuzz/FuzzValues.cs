using System.Text;

namespace Primatomic.Tests.Fuzz;

/// <summary>Hostile values for each part of a request: path segments, query strings, header values and bodies.</summary>
internal static class FuzzValues
{
    public static readonly string[] Segments =
    [
        "..", "%2e%2e", "%2E%2e%2F..", ".", "%00", "a%00b", "%ZZ", "%", "%C0%AF", "%FF%FE", "%E2%80%AE", "%F0%9F%92%A9",
        "ünïcødé", "%C3%BC%C3%B1", "%20", "a%2Fb", "a;b=c", "-1", "0", "99999999999999999999", "1e9", "null", "undefined",
        "00000000-0000-0000-0000-000000000000", "00000000-0000-0000-0000-00000000000G", "{log_id}", "*", "~", "$", "a b",
        "%252e%252e", "\\..\\", "CON", "\u202e", "\t",
    ];

    public static readonly string[] Queries =
    [
        "after=-1", "after=1%00", "after=%2B1", "after=1.0", "after=0x10", "after=%EF%BC%91", "after=", "after", "after=1&after=2",
        "limit=0", "limit=-5", "limit=1001", "limit=99999999999999999999", "limit=abc", "wait=31", "wait=-1", "wait=1e1",
        "wait=%00", "expected_sequence=-1", "expected_sequence=abc", "expected_sequence=1.5", "expected_sequence=%20",
        "before=10", "direction=backward", "x=1", "=", "&&&", "a=%ZZ", "a[]=1", "%00=%00", "after=1;limit=2",
        "limit=1&limit=2&limit=3", "name=", "name=%00", "continuation=%ZZ", "after=18446744073709551616",
    ];

    public static readonly string[] ContentTypes =
    [
        "application/json", "application/json; charset=utf-8", "application/octet-stream", "text/plain", "application/xml",
        "application/json; charset=utf-16", "application/json; charset=\"", ";;;", "", "multipart/form-data",
        "application/x-www-form-urlencoded", "application/problem+json", "*/*", "application/json, text/plain",
    ];

    public static readonly string[] TenantIds =
    [
        "", "00000000-0000-0000-0000-000000000000", "../other", "%00", "not-a-guid", "a,b", new string('t', 5000), "🐛",
    ];

    public static readonly string[] IdempotencyKeys =
    [
        "", " ", new string('k', 201), new string('k', 200), "tab\tkey", "ünï", "key\u007f", "a,b", new string('k', 20_000),
    ];

    public static readonly string[] JsonBodies =
    [
        "{", "}", "[", "{\"email\":", "{\"email\":1,\"password\":[]}", "{\"email\":null,\"password\":null}",
        "{\"email\":\"a@b.c\"}", "{\"password\":\"x\"}", "null", "[]", "{}", "\"str\"", "1e999", "-0", "true",
        "{\"events\":null}", "{\"events\":\"x\"}", "{\"events\":[null]}", "{\"events\":[\"!!!\"]}", "{\"events\":[1,2]}",
        "{\"events\":[]}", "{\"events\":[\"\"]}", "{\"name\":1,\"scopes\":\"logs:read\"}", "{\"name\":\"k\",\"scopes\":[1]}",
        "{\"name\":\"k\",\"scopes\":[\"root\"]}", "{\"email\":\"x@y.z\",\"password\":\"short\",\"role\":\"god\"}",
        "{\"api_key\":\"pk_x_y_z\"}", "{\"api_key\":123}", "{\"a\":1,\"a\":2}", "{\"email\":\"\\u0000@x.y\",\"password\":\"\\ud800\"}",
        "\uFEFF{}", "{\"email\":\"a@b.c\",\"password\":\"p\"} trailing", "{'single':'quotes'}", "{\"n\":123456789012345678901234567890}",
    ];

    public static readonly string[] BadAuthorizations =
    [
        "Bearer", "Bearer ", "Bearer garbage", "Basic dXNlcjpwYXNz", "bearer x.y.z", "Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiIxIn0.",
        "Bearer a.b.c.d.e", "Bearer %00", "Negotiate abc", "Bearer pk_tenant_key_secret",
    ];

    public static string Long(Random random, int length) => new((char)('a' + random.Next(26)), length);

    public static byte[] DeepJson(int depth) => Encoding.ASCII.GetBytes(new string('[', depth) + new string(']', depth));

    public static byte[] Binary(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }

    public static T Pick<T>(this Random random, IReadOnlyList<T> values) => values[random.Next(values.Count)];
}
