using System.Net;
using System.Text.Json.Nodes;
using Primatomic.Functions.Hosting;

namespace Primatomic.Functions.Fanout.Invocations;

/// <summary>
/// The Functions host's side of a non-HTTP invocation: it POSTs <c>http://127.0.0.1:&lt;port&gt;/&lt;Function&gt;</c> with an
/// invocation id header, and expects <c>{"Outputs":{},"Logs":[…],"ReturnValue":null}</c>. Anything else that reaches
/// these routes is refused, so they cannot be used to feed views forged events. (The handler listens on loopback only,
/// and the host forwards external requests only to HTTP functions' routes, never to these.)
/// </summary>
public static class HostInvocation
{
    public const string InvocationIdHeader = "X-Azure-Functions-InvocationId";

    /// <summary>404 unless the caller is on this machine; 403 without the host's invocation id header.</summary>
    public static string Check(HttpContext http)
    {
        if (http.Connection.RemoteIpAddress is not { } remote || !IPAddress.IsLoopback(remote.IsIPv4MappedToIPv6 ? remote.MapToIPv4() : remote))
        {
            throw ApiException.NotFound("No such route.");
        }

        var id = http.Request.Headers[InvocationIdHeader].ToString();
        return id.Length > 0 ? id : throw ApiException.PermissionDenied("Only the Functions host invokes this function.");
    }

    /// <summary>The 200 answer that completes an invocation; <paramref name="logs"/> show up in the host's logs.</summary>
    public static IResult Completed(IEnumerable<string> logs)
    {
        var answer = new JsonObject
        {
            ["Outputs"] = new JsonObject(),
            ["Logs"] = new JsonArray([.. logs.Select(line => (JsonNode?)line)]),
            ["ReturnValue"] = null,
        };
        return Results.Text(answer.ToJsonString(), "application/json", statusCode: StatusCodes.Status200OK);
    }
}
