using System.IO.Pipelines;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.WebUtilities;

namespace Primatomic.Functions.Hosting;

/// <summary>
/// Gives Kestrel's own rejections (a request it cannot parse: malformed request line or header, unsupported version,
/// a request line or headers past its limits) a problem+json body. Kestrel answers these before any app code runs,
/// with an empty body it offers no way to customise; they have one exact shape, a bare header block
/// (status line, <c>Content-Length: 0</c>, <c>Connection: close</c>, <c>Date</c>), written in one piece as the last
/// thing on the connection. A connection middleware watches the bytes written for that shape and writes the same
/// answer with a problem document instead. Nothing else is touched: every answer of ours carries a body or other headers.
/// </summary>
internal static class KestrelRejections
{
    public static void Use(IConnectionBuilder connection) =>
        connection.Use(next => context =>
        {
            context.Transport = new RewritingTransport(context.Transport);
            return next(context);
        });

    /// <summary>The problem answer for a Kestrel rejection, or null if <paramref name="written"/> is not one.</summary>
    public static byte[]? Rewrite(ReadOnlySpan<byte> written)
    {
        if (written.Length is < 40 or > 512 || !written.StartsWith("HTTP/1.1 "u8) || !written.EndsWith("\r\n\r\n"u8)
            || (written[9] != (byte)'4' && written[9] != (byte)'5'))
        {
            return null;
        }

        var lines = Encoding.ASCII.GetString(written[..^4]).Split("\r\n");
        if (lines.Length != 4 || !int.TryParse(lines[0].AsSpan(9, 3), out var status)
            || status is not (>= 400 and < 500 or StatusCodes.Status505HttpVersionNotsupported)
            || !lines.Contains("Content-Length: 0") || !lines.Contains("Connection: close")
            || !lines.Any(line => line.StartsWith("Date: ", StringComparison.Ordinal)))
        {
            return null;
        }

        var (code, detail) = status switch
        {
            StatusCodes.Status414UriTooLong => (ErrorCodes.UriTooLong, "The request line is too long."),
            StatusCodes.Status431RequestHeaderFieldsTooLarge => (ErrorCodes.HeadersTooLarge, "The request headers are too large."),
            StatusCodes.Status413PayloadTooLarge => (ErrorCodes.PayloadTooLarge, "The request body is too large."),
            _ => (ErrorCodes.ValidationError, "The request is not valid HTTP/1.1."),
        };
        var body = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object?>
        {
            ["type"] = "about:blank",
            ["title"] = ReasonPhrases.GetReasonPhrase(status),
            ["status"] = status,
            ["code"] = code,
            ["detail"] = detail,
        }, ReadableJson.Options);
        var date = lines.First(line => line.StartsWith("Date: ", StringComparison.Ordinal));
        var head = $"{lines[0]}\r\nContent-Type: {ProblemResponse.ContentType}\r\nContent-Length: {body.Length}\r\n" +
            $"Connection: close\r\n{date}\r\nX-Content-Type-Options: nosniff\r\n\r\n";
        return [.. Encoding.ASCII.GetBytes(head), .. body];
    }

    private sealed class RewritingTransport(IDuplexPipe inner) : IDuplexPipe
    {
        public PipeReader Input { get; } = inner.Input;
        public PipeWriter Output { get; } = new RewritingWriter(inner.Output);
    }

    /// <summary>Passes every write straight through; only a write that is exactly a rejection is swapped.</summary>
    private sealed class RewritingWriter(PipeWriter inner) : PipeWriter
    {
        private Memory<byte> _lent;

        public override void Advance(int bytes)
        {
            if (bytes > 0 && Rewrite(_lent.Span[..bytes]) is { } answer)
            {
                // The rejection's bytes were not advanced yet: the replacement takes their place.
                var target = inner.GetSpan(answer.Length);
                answer.CopyTo(target);
                inner.Advance(answer.Length);
                return;
            }

            inner.Advance(bytes);
        }

        public override Memory<byte> GetMemory(int sizeHint = 0) => _lent = inner.GetMemory(sizeHint);

        public override Span<byte> GetSpan(int sizeHint = 0) => (_lent = inner.GetMemory(sizeHint)).Span;

        public override void CancelPendingFlush() => inner.CancelPendingFlush();

        public override void Complete(Exception? exception = null) => inner.Complete(exception);

        public override ValueTask CompleteAsync(Exception? exception = null) => inner.CompleteAsync(exception);

        public override ValueTask<FlushResult> FlushAsync(CancellationToken cancellationToken = default) => inner.FlushAsync(cancellationToken);

        public override bool CanGetUnflushedBytes => inner.CanGetUnflushedBytes;

        public override long UnflushedBytes => inner.UnflushedBytes;
    }
}
