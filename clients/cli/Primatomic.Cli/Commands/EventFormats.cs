using System.Globalization;
using System.Text;

namespace Primatomic.Cli.Commands;

/// <summary>Prints an event in the chosen <see cref="EventFormat"/>.</summary>
internal static class EventFormats
{
    public static string Render(this EventFormat format, long sequence, ReadOnlySpan<byte> data) => format switch
    {
        EventFormat.Raw => Encoding.UTF8.GetString(data),
        EventFormat.Base64 => $"{sequence.ToString(CultureInfo.InvariantCulture)}\t{Convert.ToBase64String(data)}",
        EventFormat.Hex => $"{sequence.ToString(CultureInfo.InvariantCulture)}\t{Convert.ToHexStringLower(data)}",
        _ => $"{sequence.ToString(CultureInfo.InvariantCulture)}\t{Encoding.UTF8.GetString(data)}",
    };
}
