using System.Text.Json;
using Primatomic.Testing;
using Primatomic.Tests.Infrastructure;
using Primatomic.Tests.Logs;

namespace Primatomic.Tests.Views.Placement;

/// <summary>Service processes on one Azurite with fast placement rounds, and what each says at <c>GET /ops/placement</c>.</summary>
internal sealed class PlacementCluster : IAsyncDisposable
{
    public const int Shards = 8;
    private readonly Dictionary<string, string?> _settings;

    private PlacementCluster(Dictionary<string, string?> settings) => _settings = settings;

    public List<ServiceProcess> Services { get; } = [];

    /// <summary>The documented bound on moving a dead instance's views: its leases run out, then the next round claims them.</summary>
    public static TimeSpan MoveBound => TimeSpan.FromSeconds(15 + (2 * 1));

    public static async Task<PlacementCluster> StartAsync(int processes)
    {
        var settings = LogsHttp.ServiceSettings(await SharedAzurite.GetAsync(), SharedAzurite.UniquePrefix());
        settings["Views__Shards"] = Shards.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["Views__PlacementInterval"] = "00:00:01";
        settings["Views__SupervisePoll"] = "00:00:00.500";
        settings["Views__CheckpointEvents"] = "100";
        settings["Views__CheckpointInterval"] = "00:00:01";
        settings["Views__FollowPoll"] = "00:00:00.200";
        settings["Views__FollowPollMax"] = "00:00:02";
        var cluster = new PlacementCluster(settings);
        cluster.Services.AddRange(await Task.WhenAll(Enumerable.Range(0, processes).Select(_ => ServiceProcess.StartAsync(settings))));
        return cluster;
    }

    public async Task<ServiceProcess> AddAsync()
    {
        var service = await ServiceProcess.StartAsync(_settings);
        Services.Add(service);
        return service;
    }

    public static async Task<JsonElement> PlacementAsync(ServiceProcess service)
    {
        using var client = service.CreateClient();
        using var response = await client.GetAsync(LogsHttp.Path("/ops/placement"));
        response.EnsureSuccessStatusCode();
        return await response.ReadJsonAsync();
    }

    /// <summary>Shards held by each running process, once every shard has exactly one holder and each holds its fair share.</summary>
    public static async Task<Dictionary<ServiceProcess, int[]>> WaitForFairShareAsync(IReadOnlyList<ServiceProcess> running, TimeSpan timeout)
    {
        Dictionary<ServiceProcess, int[]> held = [];
        await Eventually.TrueAsync(async () =>
        {
            held = [];
            foreach (var service in running)
            {
                held[service] = [.. (await PlacementAsync(service)).GetProperty("shards").EnumerateArray().Select(s => s.GetInt32())];
            }

            var all = held.Values.SelectMany(s => s).ToList();
            var share = (Shards + running.Count - 1) / running.Count;
            return all.Count == Shards && all.Distinct().Count() == Shards && held.Values.All(s => s.Length >= Shards / running.Count && s.Length <= share);
        }, $"every shard to have one holder among {running.Count} processes, each with its share", timeout);
        return held;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var service in Services)
        {
            await service.DisposeAsync();
        }
    }
}
