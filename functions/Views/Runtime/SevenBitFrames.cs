using System.Buffers.Binary;
using System.Runtime.Intrinsics.X86;

namespace Primatomic.Functions.Views.Runtime;

/// <summary>
/// How bytes cross between the host and the view adapter (adapter.wat). Wasmtime's C API passes a string argument as
/// UTF-8 with one copy, but it must be valid UTF-8, so raw bytes travel as frames of 7-bit ASCII: five characters of
/// length (7 bits each, least significant first), then every 7 bytes of payload as 8 characters of 7 bits. Packing
/// and unpacking are a single instruction per 7 bytes on x64 (BMI2 pdep/pext); the adapter unpacks with shifts.
/// </summary>
public static class SevenBitFrames
{
    private const ulong Lanes = 0x7F7F7F7F7F7F7F7F;
    private const int HeaderChars = 5;

    /// <summary>Characters a frame of <paramref name="bytes"/> payload bytes takes.</summary>
    public static int FrameLength(int bytes) => HeaderChars + ((bytes + 6) / 7 * 8);

    /// <summary>Writes one frame; <paramref name="destination"/> needs <see cref="FrameLength"/> characters.</summary>
    public static int Write(ReadOnlySpan<byte> payload, Span<byte> destination)
    {
        var length = payload.Length;
        for (var i = 0; i < HeaderChars; i++)
        {
            destination[i] = (byte)((length >> (7 * i)) & 0x7F);
        }

        var written = HeaderChars;
        var read = 0;
        for (; read + 8 <= length; read += 7, written += 8)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(destination[written..], Spread(BinaryPrimitives.ReadUInt64LittleEndian(payload[read..])));
        }

        if (read < length)
        {
            // At most 7 bytes remain: one last group, read from a zero-padded copy.
            Span<byte> tail = stackalloc byte[8];
            tail.Clear();
            payload[read..].CopyTo(tail);
            BinaryPrimitives.WriteUInt64LittleEndian(destination[written..], Spread(BinaryPrimitives.ReadUInt64LittleEndian(tail)));
            written += 8;
        }

        return written;
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

        var result = new byte[length + 8];
        var written = 0;
        for (var read = HeaderChars; written < length; read += 8, written += 7)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(result.AsSpan(written), Gather(BinaryPrimitives.ReadUInt64LittleEndian(frame[read..])));
        }

        return result.AsSpan(0, (int)length).ToArray();
    }

    /// <summary>The low 56 bits of <paramref name="value"/>, 7 bits per byte.</summary>
    private static ulong Spread(ulong value)
    {
        if (Bmi2.X64.IsSupported)
        {
            return Bmi2.X64.ParallelBitDeposit(value, Lanes);
        }

        var x = value & 0x00FFFFFFFFFFFFFF;
        x = (x & 0x000000000FFFFFFF) | ((x << 4) & 0x0FFFFFFF00000000);
        x = (x & 0x00003FFF00003FFF) | ((x << 2) & 0x3FFF00003FFF0000);
        return (x & 0x007F007F007F007F) | ((x << 1) & 0x7F007F007F007F00);
    }

    /// <summary>The inverse of <see cref="Spread"/>.</summary>
    private static ulong Gather(ulong value)
    {
        if (Bmi2.X64.IsSupported)
        {
            return Bmi2.X64.ParallelBitExtract(value, Lanes);
        }

        var x = (value & 0x007F007F007F007F) | ((value & 0x7F007F007F007F00) >> 1);
        x = (x & 0x00003FFF00003FFF) | ((x & 0x3FFF00003FFF0000) >> 2);
        return (x & 0x000000000FFFFFFF) | ((x & 0x0FFFFFFF00000000) >> 4);
    }
}
