using System.Runtime.Intrinsics;

namespace Primatomic.Functions.Views.Runtime;

/// <summary>
/// How bytes cross between the host and the view adapter (adapter.wat). Wasmtime's C API passes a string with one
/// copy, but it must be valid UTF-8, so raw bytes travel as frames of ASCII: five characters of length (7 bits each,
/// least significant first), then every 16 bytes of payload (the last block zero-padded) as 16 characters holding
/// the low 7 bits of each byte and 3 characters holding the 16 high bits. Both sides convert a block with a few
/// SIMD instructions (here Vector128, in the adapter wasm simd128), about 0.1 ns per byte.
/// </summary>
public static class AsciiFrames
{
    private const int HeaderChars = 5;
    private const int BlockBytes = 16;
    private const int BlockChars = BlockBytes + 3;

    /// <summary>Characters a frame of <paramref name="bytes"/> payload bytes takes.</summary>
    public static int FrameLength(int bytes) => HeaderChars + ((bytes + BlockBytes - 1) / BlockBytes * BlockChars);

    /// <summary>Writes one frame; <paramref name="destination"/> needs <see cref="FrameLength"/> characters.</summary>
    public static unsafe int Write(ReadOnlySpan<byte> payload, Span<byte> destination)
    {
        var length = payload.Length;
        var frameLength = FrameLength(length);
        ArgumentOutOfRangeException.ThrowIfLessThan(destination.Length, frameLength, nameof(destination));
        var low = Vector128.Create((byte)0x7F);
        fixed (byte* source = payload, frame = destination)
        {
            for (var i = 0; i < HeaderChars; i++)
            {
                frame[i] = (byte)((length >> (7 * i)) & 0x7F);
            }

            var output = frame + HeaderChars;
            var read = 0;
            for (; read + BlockBytes <= length; read += BlockBytes, output += BlockChars)
            {
                WriteBlock(Vector128.Load(source + read), low, output);
            }

            if (read < length)
            {
                var tail = stackalloc byte[BlockBytes];
                new Span<byte>(tail, BlockBytes).Clear();
                payload[read..].CopyTo(new Span<byte>(tail, BlockBytes));
                WriteBlock(Vector128.Load(tail), low, output);
            }
        }

        return frameLength;
    }

    /// <summary>Reads one frame written by the adapter; throws if it is malformed.</summary>
    public static byte[] Read(ReadOnlySpan<byte> frame, int maxBytes)
    {
        if (frame.Length < HeaderChars)
        {
            throw new InvalidDataException("The view adapter returned a truncated frame.");
        }

        long length = 0;
        for (var i = 0; i < HeaderChars; i++)
        {
            length |= (long)(frame[i] & 0x7F) << (7 * i);
        }

        if (length > maxBytes || FrameLength((int)length) > frame.Length)
        {
            throw new InvalidDataException($"The view adapter returned a frame of {length} bytes in {frame.Length} characters.");
        }

        var result = new byte[length];
        for (var block = 0; block * BlockBytes < length; block++)
        {
            var chars = frame.Slice(HeaderChars + (block * BlockChars), BlockChars);
            var high = chars[16] | (chars[17] << 7) | (chars[18] << 14);
            var end = Math.Min(BlockBytes, (int)length - (block * BlockBytes));
            for (var j = 0; j < end; j++)
            {
                result[(block * BlockBytes) + j] = (byte)(chars[j] | (((high >> j) & 1) << 7));
            }
        }

        return result;
    }

    private static unsafe void WriteBlock(Vector128<byte> block, Vector128<byte> low, byte* output)
    {
        var high = block.ExtractMostSignificantBits();
        (block & low).Store(output);
        output[16] = (byte)(high & 0x7F);
        output[17] = (byte)((high >> 7) & 0x7F);
        output[18] = (byte)(high >> 14);
    }
}
