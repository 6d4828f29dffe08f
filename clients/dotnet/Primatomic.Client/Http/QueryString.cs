using System.Globalization;

namespace Primatomic.Client;

/// <summary>A query string built from optional parameters: absent ones are left out, values are escaped.</summary>
internal readonly record struct QueryString(string? Text)
{
    public QueryString Add(string name, string? value)
    {
        var text = Text ?? "";
        return value is null ? this : new QueryString($"{text}{(text.Length == 0 ? '?' : '&')}{name}={Uri.EscapeDataString(value)}");
    }

    public QueryString Add(string name, long? value) => Add(name, value?.ToString(CultureInfo.InvariantCulture));

    public override string ToString() => Text ?? "";
}
