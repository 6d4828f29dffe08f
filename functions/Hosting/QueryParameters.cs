using System.Globalization;

namespace Primatomic.Functions.Hosting;

/// <summary>
/// Integer query parameters, read one way everywhere: one value of ASCII digits only. (.NET's own parsing also
/// takes trailing NUL characters, so <c>after=1%00</c> would read as 1.)
/// </summary>
public static class QueryParameters
{
    /// <summary>The parameter's value within [min, max], or null when it is absent; anything else is a 400 naming it.</summary>
    public static long? WholeNumber(HttpRequest request, string name, long min, long max)
    {
        if (!request.Query.TryGetValue(name, out var values))
        {
            return null;
        }

        return values.Count == 1 && TryDigits(values[0], out var value) && value >= min && value <= max
            ? value
            : throw ApiException.Validation($"'{name}' must be an integer from {min} to {max}, in digits.");
    }

    public static bool TryDigits(string? text, out long value)
    {
        value = 0;
        return !string.IsNullOrEmpty(text) && text.Length <= 19 && text.All(char.IsAsciiDigit)
            && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }
}
