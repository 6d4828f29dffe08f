using System.Net;

namespace Primatomic.Functions.Hosting;

/// <summary>
/// The caller's IP for rate limiting. Only a header set by a trusted front end is believed; for
/// <c>X-Forwarded-For</c> that is the rightmost entry (the one our proxy appended), never the client-controlled leftmost.
/// </summary>
public static class ClientAddress
{
    public static string Resolve(HttpContext context, string? trustedHeader)
    {
        if (trustedHeader is not null && context.Request.Headers.TryGetValue(trustedHeader, out var values))
        {
            var raw = values.ToString();
            if (string.Equals(trustedHeader, "X-Forwarded-For", StringComparison.OrdinalIgnoreCase))
            {
                raw = raw.Split(',').LastOrDefault()?.Trim() ?? string.Empty;
            }

            if (TryParse(raw, out var address))
            {
                return address;
            }
        }

        return context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
    }

    // App Service sends "ip:port" (or "[v6]:port"); accept a bare address too.
    private static bool TryParse(string raw, out string address)
    {
        address = string.Empty;
        if (IPAddress.TryParse(raw, out var ip) || (IPEndPoint.TryParse(raw, out var endpoint) && (ip = endpoint.Address) is not null))
        {
            address = ip.ToString();
            return true;
        }

        return false;
    }
}
