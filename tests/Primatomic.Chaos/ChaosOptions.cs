namespace Primatomic.Chaos;

/// <summary>How a chaos run is shaped: which faults, how long each lasts, and the bound every answer must meet.</summary>
public sealed record ChaosOptions
{
    public static readonly IReadOnlyList<string> AllFaults =
        ["kill-9", "azurite-stopped", "azurite-sigstop", "storage-frozen", "lost-answers", "two-instances"];

    /// <summary>How long each fault is held (load runs for a second before and after it too).</summary>
    public TimeSpan FaultDuration { get; init; } = TimeSpan.FromSeconds(10);

    public int Seed { get; init; } = 1;

    public IReadOnlyList<string> Faults { get; init; } = AllFaults;

    /// <summary>REQUEST_TIMEOUT_SECS of the service (default 10 s): every non-long-poll answer must arrive within it plus slack.</summary>
    public TimeSpan RequestBound { get; init; } = TimeSpan.FromSeconds(10);

    public TimeSpan Slack { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Concurrent clients during a phase (the machine is small: keep this modest).</summary>
    public int Workers { get; init; } = 6;

    public TimeSpan AnswerBound => RequestBound + Slack;

    /// <summary>Outages last at least a second longer than the answer bound (see <see cref="Faults.IFault.IsOutage"/>).</summary>
    public TimeSpan DurationOf(Faults.IFault fault) =>
        fault.IsOutage && FaultDuration < AnswerBound + TimeSpan.FromSeconds(1) ? AnswerBound + TimeSpan.FromSeconds(1) : FaultDuration;

    /// <summary>The client gives up a little after the bound: a request that took longer is a violation either way.</summary>
    public TimeSpan ClientTimeout => AnswerBound + TimeSpan.FromSeconds(3);

    public static ChaosOptions Parse(IReadOnlyList<string> args)
    {
        var options = new ChaosOptions();
        for (var i = 0; i < args.Count; i++)
        {
            var value = i + 1 < args.Count ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value.");
            options = args[i] switch
            {
                "--seconds" => options with { FaultDuration = TimeSpan.FromSeconds(Bounded(value, "--seconds", 1, 600)) },
                "--seed" => options with { Seed = Bounded(value, "--seed", 0, int.MaxValue) },
                "--faults" => options with { Faults = ParseFaults(value) },
                "--bound-secs" => options with { RequestBound = TimeSpan.FromSeconds(Bounded(value, "--bound-secs", 1, 230)) },
                "--workers" => options with { Workers = Bounded(value, "--workers", 1, 64) },
                _ => throw new ArgumentException($"Unknown option {args[i]}."),
            };
            i++;
        }

        return options;
    }

    private static int Bounded(string value, string name, int min, int max) =>
        int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) && n >= min && n <= max
            ? n
            : throw new ArgumentException($"{name} must be a whole number from {min} to {max}, got '{value}'.");

    private static string[] ParseFaults(string value)
    {
        var faults = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var unknown = faults.Except(AllFaults).ToList();
        return unknown.Count == 0 && faults.Length > 0
            ? faults
            : throw new ArgumentException($"--faults takes a comma-separated list of {string.Join(", ", AllFaults)}.");
    }
}
