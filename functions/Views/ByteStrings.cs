using System.Text;

namespace Primatomic.Functions.Views;

/// <summary>
/// Bytes cross the WIT boundary as strings with one code point per byte (see wit/machine.wit): the only shape
/// Wasmtime moves in bulk, since <c>list&lt;u8&gt;</c> costs one value per byte. On the wire that string is UTF-8:
/// bytes below 0x80 as they are, bytes 0x80..0xFF as two bytes.
/// </summary>
public static class ByteStrings
{
    /// <summary>The byte string as a .NET string (one char per byte).</summary>
    public static string FromBytes(ReadOnlySpan<byte> bytes) => Encoding.Latin1.GetString(bytes);

    /// <summary>Writes the UTF-8 form of <paramref name="bytes"/> into <paramref name="buffer"/>, growing it as needed; returns the length.</summary>
    public static int EncodeUtf8(ReadOnlySpan<byte> bytes, ref byte[] buffer)
    {
        Reserve(ref buffer, 2L * bytes.Length);
        return EncodeUtf8(bytes, buffer);
    }

    internal static int EncodeUtf8(ReadOnlySpan<byte> bytes, Span<byte> target)
    {
        var firstHigh = bytes.IndexOfAnyInRange((byte)0x80, (byte)0xFF);
        if (firstHigh < 0)
        {
            bytes.CopyTo(target);
            return bytes.Length;
        }

        bytes[..firstHigh].CopyTo(target);
        var at = firstHigh;
        for (var i = firstHigh; i < bytes.Length; i++)
        {
            var b = bytes[i];
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

    /// <summary>Turns a view's UTF-8 output back into bytes, refusing more than <paramref name="limit"/> bytes or a code point above U+00FF.</summary>
    public static byte[] DecodeUtf8(ReadOnlySpan<byte> utf8, int limit, string what)
    {
        // Each byte takes one or two UTF-8 bytes, so the decoded length is known to within 2x before decoding.
        if (utf8.Length > 2L * limit)
        {
            throw TooLarge(what, utf8.Length / 2, limit);
        }

        var bytes = new byte[utf8.Length];
        var at = 0;
        for (var i = 0; i < utf8.Length; i++)
        {
            var b = utf8[i];
            if (b < 0x80)
            {
                bytes[at++] = b;
            }
            else if ((b == 0xC2 || b == 0xC3) && i + 1 < utf8.Length)
            {
                bytes[at++] = (byte)(((b & 0x03) << 6) | (utf8[++i] & 0x3F));
            }
            else
            {
                throw new ViewFaultException($"{what} returned a string with a code point above U+00FF; byte strings carry only U+0000..U+00FF.");
            }
        }

        return at > limit ? throw TooLarge(what, at, limit) : bytes[..at];
    }

    internal static void Reserve(ref byte[] buffer, long size)
    {
        if (size > Array.MaxLength)
        {
            throw new ArgumentOutOfRangeException(nameof(size), "Too large for one call.");
        }

        if (buffer.Length < size)
        {
            // Grows to the largest batch seen and stays: each instance keeps one buffer for its calls.
            buffer = GC.AllocateUninitializedArray<byte>((int)Math.Min(Array.MaxLength, Math.Max(size, 2L * buffer.Length)));
        }
    }

    private static ViewFaultException TooLarge(string what, long size, int limit) =>
        new($"{what} answered {size} bytes; the limit is {limit}");
}
