using System.Buffers.Binary;

namespace Primatomic.Functions.Logs.Storage;

/// <summary>
/// The idempotency marker of one keyed append, as stored in its segment's main row: the key's and the body's hashes
/// (the first 128 bits of each SHA-256) and where the append's events sit in the segment. A commit's markers travel
/// in its segment row (property <c>Keys</c>), so they cost no entity of their own.
/// </summary>
internal readonly record struct KeyMarker(UInt128 Key, UInt128 Body, int Offset, int Count)
{
    public const string KeysProperty = "Keys";

    /// <summary>How many markers the row holds; only keyed segments have it, so a query can ask for just those.</summary>
    public const string CountProperty = "KeyCount";

    /// <summary>Bytes per marker: two 16-byte hashes, the offset and the count (1,000 markers fit one 64 KiB property).</summary>
    public const int Size = 40;

    public static byte[] Encode(IReadOnlyList<KeyMarker> markers)
    {
        var bytes = new byte[markers.Count * Size];
        for (var i = 0; i < markers.Count; i++)
        {
            var span = bytes.AsSpan(i * Size, Size);
            BinaryPrimitives.WriteUInt128LittleEndian(span, markers[i].Key);
            BinaryPrimitives.WriteUInt128LittleEndian(span[16..], markers[i].Body);
            BinaryPrimitives.WriteInt32LittleEndian(span[32..], markers[i].Offset);
            BinaryPrimitives.WriteInt32LittleEndian(span[36..], markers[i].Count);
        }

        return bytes;
    }

    public static List<KeyMarker> Decode(byte[] bytes)
    {
        if (bytes.Length % Size != 0)
        {
            throw new InvalidDataException($"An idempotency marker list of {bytes.Length} bytes is not a whole number of markers.");
        }

        var markers = new List<KeyMarker>(bytes.Length / Size);
        for (var at = 0; at < bytes.Length; at += Size)
        {
            var span = bytes.AsSpan(at, Size);
            markers.Add(new KeyMarker(BinaryPrimitives.ReadUInt128LittleEndian(span), BinaryPrimitives.ReadUInt128LittleEndian(span[16..]),
                BinaryPrimitives.ReadInt32LittleEndian(span[32..]), BinaryPrimitives.ReadInt32LittleEndian(span[36..])));
        }

        return markers;
    }

    public static UInt128 Digest(ReadOnlySpan<byte> sha256) => BinaryPrimitives.ReadUInt128LittleEndian(sha256);
}
