using System.Globalization;

namespace Primatomic.Soak;

/// <summary>The soak's length and its memory rule's threshold.</summary>
public sealed record SoakOptions
{
    public TimeSpan Duration { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Growth of the service's RSS over the second half, in MiB per minute, above which memory "keeps growing".</summary>
    public double MaxGrowthMiBPerMinute { get; init; } = 2.0;

    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);

    public static SoakOptions Parse(IReadOnlyList<string> args)
    {
        var options = new SoakOptions();
        for (var i = 0; i < args.Count; i += 2)
        {
            var value = i + 1 < args.Count ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value.");
            options = args[i] switch
            {
                "--minutes" => options with { Duration = TimeSpan.FromMinutes(Number(value, "--minutes", 1, 240)) },
                "--max-growth" => options with { MaxGrowthMiBPerMinute = Number(value, "--max-growth", 0, 1024) },
                _ => throw new ArgumentException($"Unknown option {args[i]}."),
            };
        }

        return options;
    }

    private static double Number(string value, string name, double min, double max) =>
        double.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max
            ? n
            : throw new ArgumentException($"{name} must be a number from {min} to {max}, got '{value}'.");
}
