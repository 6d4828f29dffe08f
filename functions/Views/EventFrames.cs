namespace Primatomic.Functions.Views;

/// <summary>
/// Encodes a batch of events as the <c>apply</c> argument (frame layout in wit/machine.wit). Header bytes stay
/// below 0x80 so UTF-8 guests read them without decoding; an ASCII payload (typical JSON) also passes unchanged.
/// </summary>
public static class EventFrames
{
    public const int HeaderBytes = 16;
    public const byte PayloadAscii = 0;
    public const byte PayloadLatin1 = 1;

    public static string Encode(IReadOnlyList<ViewEvent> events)
    {
        var total = 0;
        foreach (var e in events)
        {
            total = checked(total + HeaderBytes + e.Payload.Length);
        }

        return string.Create(total, events, static (chars, batch) =>
        {
            var at = 0;
            foreach (var e in batch)
            {
                var payload = e.Payload.Span;
                var ascii = !payload.ContainsAnyInRange((byte)0x80, (byte)0xFF);
                // The guest sees each byte >= 0x80 as two UTF-8 bytes, and the length counts what it sees.
                var encodedLength = ascii ? payload.Length : payload.Length + CountHighBytes(payload);
                WriteSevenBitGroups(chars.Slice(at, 10), e.Sequence);
                chars[at + 10] = (char)(ascii ? PayloadAscii : PayloadLatin1);
                WriteSevenBitGroups(chars.Slice(at + 11, 5), (ulong)encodedLength);
                at += HeaderBytes;
                for (var i = 0; i < payload.Length; i++)
                {
                    chars[at + i] = (char)payload[i];
                }

                at += payload.Length;
            }
        });
    }

    private static void WriteSevenBitGroups(Span<char> target, ulong value)
    {
        for (var i = 0; i < target.Length; i++)
        {
            target[i] = (char)(value & 0x7F);
            value >>= 7;
        }
    }

    private static int CountHighBytes(ReadOnlySpan<byte> payload)
    {
        var count = 0;
        foreach (var b in payload)
        {
            count += b >> 7;
        }

        return count;
    }
}
