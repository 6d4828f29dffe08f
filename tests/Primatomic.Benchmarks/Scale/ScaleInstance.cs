using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Primatomic.Testing;

namespace Primatomic.Benchmarks.Scale;

/// <summary>One service process and the counting proxy it alone talks to storage through.</summary>
internal sealed class ScaleInstance(int index, CountingStorageProxy proxy, ServiceProcess service) : IAsyncDisposable
{
    private readonly HttpClient _http = new(new SocketsHttpHandler { MaxConnectionsPerServer = 256 })
    {
        BaseAddress = service.BaseAddress,
        Timeout = TimeSpan.FromSeconds(120),
    };

    public int Index => index;
    public string Name => $"#{index}";
    public CountingStorageProxy Proxy => proxy;
    public ServiceProcess Service => service;
    public HttpClient Http => _http;
    public bool Alive { get; private set; } = true;

    /// <summary>The instance's node id (from /ops/placement or a view's stats), once known.</summary>
    public string? NodeId { get; set; }

    public int ProcessId => service.ProcessId ?? throw new InvalidOperationException($"instance {Name} is not running");

    /// <summary>RSS, mapped address space (VmSize) and the number of memory mappings, from /proc.</summary>
    public MemoryReading ReadMemory()
    {
        var pid = ProcessId;
        var status = File.ReadAllLines($"/proc/{pid}/status");
        double Field(string name) => double.Parse(
            status.First(l => l.StartsWith(name, StringComparison.Ordinal)).Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries)[1],
            CultureInfo.InvariantCulture) / 1024;
        return new MemoryReading(Field("VmRSS:"), Field("VmSize:"), File.ReadLines($"/proc/{pid}/maps").Count());
    }

    public double CpuSeconds() => ProcessCpu.Seconds(ProcessId);

    /// <summary>GET /ops/placement, or null when this service has no placement (404).</summary>
    public async Task<PlacementReading?> PlacementAsync()
    {
        using var response = await _http.GetAsync(new Uri("/ops/placement", UriKind.Relative));
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        response.EnsureSuccessStatusCode();
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        var views = json.GetProperty("views");
        var placement = new PlacementReading(
            json.GetProperty("node_id").GetString()!,
            [.. json.GetProperty("shards").EnumerateArray().Select(s => s.GetInt32())],
            json.GetProperty("live_nodes").GetInt32(),
            views.GetProperty("leading").GetInt32(),
            views.GetProperty("on_demand").GetInt32(),
            views.TryGetProperty("hibernating", out var hibernating) ? hibernating.GetInt32() : 0,
            json.GetProperty("logs_followed").GetInt32(),
            json.TryGetProperty("memory", out var memory) ? memory.GetProperty("managed_heap_bytes").GetInt64() / 1048576.0 : double.NaN);
        NodeId = placement.NodeId;
        return placement;
    }

    public async Task KillAsync()
    {
        Alive = false;
        await service.KillAsync();
    }

    public async ValueTask DisposeAsync()
    {
        Alive = false;
        _http.Dispose();
        await service.DisposeAsync();
        await proxy.DisposeAsync();
    }
}

internal readonly record struct MemoryReading(double RssMiB, double VmSizeMiB, int Mappings)
{
    public static MemoryReading Median(IReadOnlyCollection<MemoryReading> readings) => new(
        Stats.Median(readings.Select(r => r.RssMiB)), Stats.Median(readings.Select(r => r.VmSizeMiB)), (int)Stats.Median(readings.Select(r => (double)r.Mappings)));
}

/// <summary>
/// GET /ops/placement: hibernating counts led and on-demand replicas that have let their instance go; the managed heap
/// is as the last collection left it (live objects plus what that collection could not free).
/// </summary>
internal sealed record PlacementReading(string NodeId, IReadOnlyList<int> Shards, int LiveNodes, int Leading, int OnDemand, int Hibernating, int LogsFollowed,
    double ManagedHeapMiB);
