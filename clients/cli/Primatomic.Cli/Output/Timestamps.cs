using System.Globalization;

namespace Primatomic.Cli.Output;

/// <summary>Times as the service writes them: ISO 8601 UTC with milliseconds.</summary>
internal static class Timestamps
{
    public static string Format(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
