namespace Primatomic.Functions.Views;

/// <summary>
/// Writes the <c>apply</c> batch (layout in wit/machine.wit) straight into the UTF-8 bytes the guest will see,
/// skipping .NET strings: ASCII payloads are one memcpy, bytes &gt;= 0x80 become two bytes (U+0080..U+00FF).
/// Produces exactly what <see cref="EventFrames.Encode"/> gives once UTF-8 encoded.
/// </summary>
internal static class Utf8Frames
{
    /// <summary>Encodes into <paramref name="buffer"/> (grown as needed); returns the length.</summary>
    public static int Write(IReadOnlyList<ViewEvent> events, ref byte[] buffer)
    {
        var worst = 0L;
        foreach (var e in events)
        {
            worst += EventFrames.HeaderBytes + (2L * e.Payload.Length);
        }

        ByteStrings.Reserve(ref buffer, worst);

        var target = buffer.AsSpan();
        var at = 0;
        foreach (var e in events)
        {
            var payload = e.Payload.Span;
            var header = target.Slice(at, EventFrames.HeaderBytes);
            at += EventFrames.HeaderBytes;
            var written = ByteStrings.EncodeUtf8(payload, target[at..]);
            WriteSevenBitGroups(header[..10], e.Sequence);
            header[10] = written == payload.Length ? EventFrames.PayloadAscii : EventFrames.PayloadLatin1;
            WriteSevenBitGroups(header.Slice(11, 5), (ulong)written);
            at += written;
        }

        return at;
    }

    private static void WriteSevenBitGroups(Span<byte> target, ulong value)
    {
        for (var i = 0; i < target.Length; i++)
        {
            target[i] = (byte)(value & 0x7F);
            value >>= 7;
        }
    }
}
