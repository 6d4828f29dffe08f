using System.Globalization;

namespace Primatomic.Client;

/// <summary>Keys the client makes for calls whose caller gave none: random, so two logical calls never share one.</summary>
internal static class IdempotencyKeys
{
    public const int MaxLength = 200;

    public static string New() => "pc-" + Guid.NewGuid().ToString("N", CultureInfo.InvariantCulture);

    /// <summary>The caller's key, checked here so a bad one fails before anything is sent; or a new one.</summary>
    public static string OrNew(string? key)
    {
        if (key is null)
        {
            return New();
        }

        if (key.Length is 0 or > MaxLength || key.Any(c => c is < ' ' or > '~'))
        {
            throw new ArgumentException($"An Idempotency-Key is 1 to {MaxLength} printable ASCII characters.", nameof(key));
        }

        return key;
    }
}
