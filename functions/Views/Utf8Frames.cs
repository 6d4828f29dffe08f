using System.Buffers;

namespace Primatomic.Functions.Views;

/// <summary>
/// Writes the <c>apply</c> batch (layout in wit/machine.wit) straight into the UTF-8 bytes the guest will see,
/// skipping .NET strings: ASCII payloads are one memcpy, bytes &gt;= 0x80 become two bytes (U+0080..U+00FF).
/// Produces exactly what <see cref="EventFrames.Encode"/> gives once UTF-8 encoded.
/// </summary>
internal static class Utf8Frames
{
    /// <summary>Encodes into <paramref name="buffer"/> (grown through the shared pool as needed); returns the length.</summary>
    public static int Write(IReadOnlyList<ViewEvent> events, ref byte[] buffer)
    {
        var worst = 0L;
        foreach (var e in events)
        {
            worst += EventFrames.HeaderBytes + (2L * e.Payload.Length);
        }

        if (worst > Array.MaxLength)
        {
            throw new ArgumentException("The batch is too large for one call; split it.", nameof(events));
        }

        if (buffer.Length < worst)
        {
            ArrayPool<byte>.Shared.Return(buffer);
            buffer = ArrayPool<byte>.Shared.Rent((int)worst);
        }

        var target = buffer.AsSpan();
        var at = 0;
        foreach (var e in events)
        {
            var payload = e.Payload.Span;
            var firstHigh = payload.IndexOfAnyInRange((byte)0x80, (byte)0xFF);
            var header = target.Slice(at, EventFrames.HeaderBytes);
            at += EventFrames.HeaderBytes;
            int written;
            if (firstHigh < 0)
            {
                payload.CopyTo(target[at..]);
                written = payload.Length;
            }
            else
            {
                written = WriteLatin1(payload, firstHigh, target[at..]);
            }

            WriteSevenBitGroups(header[..10], e.Sequence);
            header[10] = firstHigh < 0 ? EventFrames.PayloadAscii : EventFrames.PayloadLatin1;
            WriteSevenBitGroups(header.Slice(11, 5), (ulong)written);
            at += written;
        }

        return at;
    }

    private static int WriteLatin1(ReadOnlySpan<byte> payload, int firstHigh, Span<byte> target)
    {
        payload[..firstHigh].CopyTo(target);
        var at = firstHigh;
        for (var i = firstHigh; i < payload.Length; i++)
        {
            var b = payload[i];
            if (b < 0x80)
            {
                target[at++] = b;
            }
            else
            {
                target[at++] = (byte)(0xC0 | (b >> 6));
                target[at++] = (byte)(0x80 | (b & 0x3F));
            }
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
