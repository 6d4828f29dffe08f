namespace Primatomic.Client;

/// <summary>Route segments from caller input, escaped so an id can never change the route.</summary>
internal static class Routes
{
    public static string Segment(string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(value);
        return Uri.EscapeDataString(value);
    }
}
