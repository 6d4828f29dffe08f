using System.Buffers.Binary;

namespace Primatomic.Tests.Views;

/// <summary>The answer of Fixtures/wat/recorder.wat: how often init ran, and every event it was given, in order.</summary>
internal sealed record Recording(int Inits, IReadOnlyList<byte[]> Events)
{
    public static Recording Parse(ReadOnlySpan<byte> answer)
    {
        var inits = BinaryPrimitives.ReadInt32LittleEndian(answer);
        var events = new List<byte[]>();
        for (var at = 4; at < answer.Length;)
        {
            var length = BinaryPrimitives.ReadInt32LittleEndian(answer[at..]);
            events.Add(answer.Slice(at + 4, length).ToArray());
            at += 4 + length;
        }

        return new Recording(inits, events);
    }

    /// <summary>Payloads that cover every byte value, every length around the frame's 16-byte blocks, and large ones.</summary>
    public static byte[][] AwkwardPayloads()
    {
        var random = new Random(255);
        var payloads = new List<byte[]>
        {
            Array.Empty<byte>(),
            Enumerable.Range(0, 256).Select(i => (byte)i).ToArray(),
            Enumerable.Range(0, 256).Select(i => (byte)(255 - i)).ToArray(),
        };
        payloads.AddRange(Enumerable.Range(0, 256).Select(i => new[] { (byte)i }));
        foreach (var length in new[] { 2, 7, 8, 15, 16, 17, 31, 32, 33, 63, 64, 65, 1023, 1024, 1025, 65_536, 200_001 })
        {
            var payload = new byte[length];
            random.NextBytes(payload);
            payloads.Add(payload);
        }

        payloads.Add([.. Enumerable.Repeat((byte)0x80, 100)]);
        payloads.Add([.. Enumerable.Repeat((byte)0xFF, 100)]);
        payloads.Add([.. Enumerable.Repeat((byte)0x00, 100)]);
        return [.. payloads];
    }
}
