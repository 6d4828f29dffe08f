using System.Text;
using Primatomic.Functions.Views;

namespace Primatomic.Tests.Views;

public sealed class EventFramesTests
{
    [Fact]
    public void Direct_utf8_frames_equal_the_utf8_encoding_of_the_byte_string_frames()
    {
        var random = new Random(11);
        var events = Enumerable.Range(0, 50).Select(i =>
        {
            var payload = new byte[random.Next(0, 300)];
            if (i % 2 == 0)
            {
                random.NextBytes(payload);
            }
            else
            {
                payload.AsSpan().Fill((byte)'x');
            }

            return new ViewEvent((ulong)random.NextInt64(0, long.MaxValue), payload);
        }).ToArray();

        var buffer = new byte[16];
        var length = Utf8Frames.Write(events, ref buffer);
        Assert.Equal(Encoding.UTF8.GetBytes(EventFrames.Encode(events)), buffer.AsSpan(0, length).ToArray());
    }

    [Fact]
    public void Header_bytes_stay_below_0x80_so_utf8_guests_read_them_unchanged()
    {
        var frame = EventFrames.Encode([new ViewEvent(ulong.MaxValue, new byte[] { 0xFF, 0x41 })]);
        Assert.All(frame[..EventFrames.HeaderBytes], c => Assert.True(c < 0x80));
        Assert.Equal((char)EventFrames.PayloadLatin1, frame[10]);
        Assert.Equal((char)3, frame[11]); // 0xFF is two bytes in UTF-8, 'A' one
    }
}
