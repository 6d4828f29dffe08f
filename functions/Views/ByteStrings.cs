using System.Text;

namespace Primatomic.Functions.Views;

/// <summary>
/// Bytes cross the WIT boundary as strings with one code point per byte (see wit/machine.wit):
/// the only shape Wasmtime .NET moves in bulk, since <c>list&lt;u8&gt;</c> costs one value per byte.
/// </summary>
public static class ByteStrings
{
    public static string FromBytes(ReadOnlySpan<byte> bytes) => Encoding.Latin1.GetString(bytes);

    /// <summary>Turns a view's answer back into bytes; a code point above U+00FF means the view broke the contract.</summary>
    public static byte[] ToBytes(string text, string what)
    {
        foreach (var c in text)
        {
            if (c > '\u00FF')
            {
                throw new ViewFaultException($"{what} returned a string with code point U+{(int)c:X4}; byte strings carry only U+0000..U+00FF.");
            }
        }

        return Encoding.Latin1.GetBytes(text);
    }
}
