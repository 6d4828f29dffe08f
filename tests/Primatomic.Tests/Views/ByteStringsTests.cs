using System.Text;
using Primatomic.Functions.Views;

namespace Primatomic.Tests.Views;

public sealed class ByteStringsTests
{
    [Fact]
    public void Every_byte_value_round_trips_through_the_utf8_wire_form()
    {
        var all = Enumerable.Range(0, 256).Select(i => (byte)i).ToArray();
        var buffer = new byte[4];
        var length = ByteStrings.EncodeUtf8(all, ref buffer);
        Assert.Equal(Encoding.UTF8.GetBytes(ByteStrings.FromBytes(all)), buffer[..length]);
        Assert.Equal(all, ByteStrings.DecodeUtf8(buffer.AsSpan(0, length), 256, "query"));
    }

    [Fact]
    public void Decoding_refuses_output_over_the_limit_and_code_points_above_U_00FF()
    {
        var tooLong = DecodeFailure(new byte[11], 10);
        Assert.Contains("the limit is 10", tooLong, StringComparison.Ordinal);
        var wide = DecodeFailure(Encoding.UTF8.GetBytes("\u20ac"), 10);
        Assert.Contains("above U+00FF", wide, StringComparison.Ordinal);
    }

    private static string DecodeFailure(byte[] utf8, int limit) =>
        Assert.Throws<ViewFaultException>(() => ByteStrings.DecodeUtf8(utf8, limit, "query")).Message;
}
