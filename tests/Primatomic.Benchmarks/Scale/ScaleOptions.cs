using System.Globalization;

namespace Primatomic.Benchmarks.Scale;

/// <summary>
/// <c>scale [--quick] [--processes N] [--views N] [--logs N] [--tenants N] [--seconds N] [--rounds N] [--shards N]
/// [--writers N] [--keyed-seconds N] [--latency-samples N]</c>. <c>--quick</c> picks small sizes for a smoke run of
/// a few minutes; options after it still override.
/// </summary>
internal sealed record ScaleOptions(
    int Processes, int Views, int Logs, int Tenants, int Seconds, int Rounds, int Shards, int Writers, int KeyedSeconds,
    int LatencySamples, int AppendsPerSecond, bool Quick)
{
    public static readonly ScaleOptions Full = new(Processes: 3, Views: 2000, Logs: 200, Tenants: 4, Seconds: 30, Rounds: 5,
        Shards: 64, Writers: 64, KeyedSeconds: 15, LatencySamples: 200, AppendsPerSecond: 20, Quick: false);

    public static readonly ScaleOptions QuickRun = Full with
    {
        Views = 90, Logs = 30, Tenants = 2, Seconds = 10, Rounds = 5, KeyedSeconds = 8, LatencySamples = 40, Quick = true,
    };

    /// <summary>Idle windows are split into this many rounds and the median rate reported.</summary>
    public TimeSpan Window => TimeSpan.FromSeconds(Seconds);

    public static ScaleOptions Parse(IReadOnlyList<string> args)
    {
        var options = args.Contains("--quick") ? QuickRun : Full;
        var rest = args.Where(a => a != "--quick").ToList();
        for (var i = 0; i < rest.Count; i += 2)
        {
            if (i + 1 >= rest.Count)
            {
                throw new ArgumentException($"option {rest[i]} needs a value");
            }

            var value = int.Parse(rest[i + 1], CultureInfo.InvariantCulture);
            options = rest[i] switch
            {
                "--processes" => options with { Processes = value },
                "--views" => options with { Views = value },
                "--logs" => options with { Logs = value },
                "--tenants" => options with { Tenants = value },
                "--seconds" => options with { Seconds = value },
                "--rounds" => options with { Rounds = value },
                "--shards" => options with { Shards = value },
                "--writers" => options with { Writers = value },
                "--keyed-seconds" => options with { KeyedSeconds = value },
                "--latency-samples" => options with { LatencySamples = value },
                "--appends-per-second" => options with { AppendsPerSecond = value },
                _ => throw new ArgumentException($"unknown option {rest[i]}"),
            };
        }

        if (options.Processes < 3 || options.Logs < 1 || options.Views < options.Logs || options.Tenants < 1 || options.Tenants > options.Logs)
        {
            throw new ArgumentException("need --processes >= 3, --views >= --logs >= --tenants >= 1");
        }

        return options;
    }
}
