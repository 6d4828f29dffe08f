using System.Globalization;

namespace Primatomic.Benchmarks;

/// <summary>
/// <c>SUITE [--seconds N] [--event-bytes N] [--writers N] [--rounds N]</c> for the append and views suites. The
/// <c>scale</c> suite has flags and sizes of its own and parses them with <see cref="Scale.ScaleOptions"/>.
/// </summary>
internal sealed record BenchOptions(string Suite, int Seconds, int EventBytes, int Writers, int Rounds)
{
    public static BenchOptions Parse(string[] args)
    {
        var options = new BenchOptions(args.FirstOrDefault() ?? "append", Seconds: 5, EventBytes: 256, Writers: 64, Rounds: 3);
        for (var i = 1; i + 1 < args.Length; i += 2)
        {
            var value = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
            options = args[i] switch
            {
                "--seconds" => options with { Seconds = value },
                "--event-bytes" => options with { EventBytes = value },
                "--writers" => options with { Writers = value },
                "--rounds" => options with { Rounds = value },
                _ => throw new ArgumentException($"unknown option {args[i]}"),
            };
        }

        return options;
    }
}
