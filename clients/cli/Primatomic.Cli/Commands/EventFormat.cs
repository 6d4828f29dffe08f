using System.Globalization;
using System.Text;

namespace Primatomic.Cli.Commands;

/// <summary>How <c>tail</c> prints an event without <c>--json</c>.</summary>
internal enum EventFormat
{
    /// <summary>The sequence, a tab, and the data as UTF-8 text.</summary>
    Text,

    /// <summary>The data alone, one event per line: for piping events on.</summary>
    Raw,

    /// <summary>The sequence, a tab, and the data in base64.</summary>
    Base64,

    /// <summary>The sequence, a tab, and the data in hex.</summary>
    Hex,
}

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
