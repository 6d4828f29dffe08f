using System.Globalization;

namespace Primatomic.Benchmarks.Scale;

/// <summary>
/// <c>scale [--quick] [--processes N] [--views N] [--logs N] [--tenants N] [--seconds N] [--rounds N] [--shards N]
/// [--writers N] [--keyed-seconds N] [--latency-samples N] [--appends-per-second N] [--hibernate-after S]
/// [--follow-poll-max S] [--active-share F]</c>. <c>--quick</c> picks small sizes for a smoke run of a few minutes;
/// options after it still override. <c>--hibernate-after</c> and <c>--follow-poll-max</c> are the service processes'
/// <c>Views__HibernateAfter</c> and <c>Views__FollowPollMax</c>, shortened so a run sees views hibernate and followers
/// reach their longest wait; <c>--active-share</c> is a model input only (share of views active within HibernateAfter).
/// </summary>
internal sealed record ScaleOptions(
    int Processes, int Views, int Logs, int Tenants, int Seconds, int Rounds, int Shards, int Writers, int KeyedSeconds,
    int LatencySamples, int AppendsPerSecond, int HibernateAfterSeconds, int FollowPollMaxSeconds, double ActiveShare, bool Quick)
{
    public static readonly ScaleOptions Full = new(Processes: 3, Views: 2000, Logs: 200, Tenants: 4, Seconds: 30, Rounds: 5,
        Shards: 64, Writers: 64, KeyedSeconds: 15, LatencySamples: 200, AppendsPerSecond: 20,
        HibernateAfterSeconds: 20, FollowPollMaxSeconds: 5, ActiveShare: 0.1, Quick: false);

    public static readonly ScaleOptions QuickRun = Full with
    {
        Views = 90, Logs = 30, Tenants = 2, Seconds = 15, Rounds = 5, KeyedSeconds = 8, LatencySamples = 40, HibernateAfterSeconds = 10, Quick = true,
    };

    /// <summary>Length of each idle or load window (memory is read Rounds times in it).</summary>
    public TimeSpan Window => TimeSpan.FromSeconds(Seconds);

    public TimeSpan HibernateAfter => TimeSpan.FromSeconds(HibernateAfterSeconds);

    public TimeSpan FollowPollMax => TimeSpan.FromSeconds(FollowPollMaxSeconds);

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

            if (rest[i] == "--active-share")
            {
                options = options with { ActiveShare = double.Parse(rest[i + 1], CultureInfo.InvariantCulture) };
                continue;
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
                "--hibernate-after" => options with { HibernateAfterSeconds = value },
                "--follow-poll-max" => options with { FollowPollMaxSeconds = value },
                _ => throw new ArgumentException($"unknown option {rest[i]}"),
            };
        }

        if (options.Processes < 3 || options.Logs < 1 || options.Views < options.Logs || options.Tenants < 1 || options.Tenants > options.Logs)
        {
            throw new ArgumentException("need --processes >= 3, --views >= --logs >= --tenants >= 1");
        }

        if (options.HibernateAfterSeconds < 1 || options.FollowPollMaxSeconds < 1 || options.ActiveShare is < 0 or > 1)
        {
            throw new ArgumentException("need --hibernate-after >= 1, --follow-poll-max >= 1 and 0 <= --active-share <= 1");
        }

        return options;
    }
}
