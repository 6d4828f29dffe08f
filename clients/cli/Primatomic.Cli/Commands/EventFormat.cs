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
