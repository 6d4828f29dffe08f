using System.Net.Sockets;
using System.Text;

namespace Primatomic.Tests.Fuzz;

/// <summary>
/// Sends one request as raw bytes (so a fuzz case can say anything HttpClient would refuse to send: NUL, bad
/// encodings, broken request lines) and reads the whole answer; <c>Connection: close</c> ends it.
/// </summary>
internal static class RawHttp
{
    public sealed record Response(int Status, IReadOnlyDictionary<string, string> Headers, string Body);

    /// <returns>The answer, or null when the server closed the connection without one.</returns>
    public static async Task<Response?> SendAsync(int port, byte[] request, TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        using var client = new TcpClient();
        await client.ConnectAsync(System.Net.IPAddress.Loopback, port, cancel.Token);
        var stream = client.GetStream();
        var buffer = new MemoryStream();
        try
        {
            await stream.WriteAsync(request, cancel.Token);
        }
        catch (IOException)
        {
            // The server may answer and close before reading everything we send (e.g. a body over its limit).
        }

        try
        {
            await stream.CopyToAsync(buffer, cancel.Token);
        }
        catch (IOException)
        {
            // A reset after the answer: keep what arrived.
        }

        return Parse(buffer.ToArray());
    }

    private static Response? Parse(byte[] raw)
    {
        var text = Encoding.Latin1.GetString(raw);
        var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        if (!text.StartsWith("HTTP/1.", StringComparison.Ordinal) || end < 0)
        {
            return null;
        }

        var lines = text[..end].Split("\r\n");
        var status = int.Parse(lines[0].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in lines.Skip(1))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
            {
                headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
            }
        }

        var body = raw.AsSpan(end + 4).ToArray();
        if (headers.TryGetValue("Transfer-Encoding", out var encoding) && encoding.Contains("chunked", StringComparison.OrdinalIgnoreCase))
        {
            body = Dechunk(body);
        }

        return new Response(status, headers, Encoding.UTF8.GetString(body));
    }

    private static byte[] Dechunk(byte[] body)
    {
        var output = new MemoryStream();
        var position = 0;
        while (position < body.Length)
        {
            var lineEnd = Array.IndexOf(body, (byte)'\n', position);
            if (lineEnd < 0)
            {
                break;
            }

            var sizeText = Encoding.ASCII.GetString(body, position, lineEnd - position).Trim().Split(';')[0];
            if (!int.TryParse(sizeText, System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture, out var size) || size == 0)
            {
                break;
            }

            var start = lineEnd + 1;
            output.Write(body, start, Math.Min(size, body.Length - start));
            position = start + size + 2;
        }

        return output.ToArray();
    }
}
