using Microsoft.AspNetCore.Http.HttpResults;
using Primatomic.Functions.Hosting;
using Primatomic.Functions.Views.Following;

namespace Primatomic.Functions.Views.Placement;

/// <summary>
/// <c>GET /ops/placement</c>: what this instance leads and runs, for operators and the scale benchmark. Loopback only
/// (anyone else gets 404) and never a function, so the Functions host never routes outside callers to it; it names no
/// tenant, log or view.
/// </summary>
public static class PlacementEndpoint
{
    public static IEndpointRouteBuilder MapPlacementEndpoint(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/ops/placement", Describe).WithName("OpsPlacement").LoopbackOnly();
        return endpoints;
    }

    private static Ok<PlacementResponse> Describe(PlacementLoop placement, ViewReplicas replicas, LogFollowers followers)
    {
        var all = replicas.All;
        var leading = all.Count(r => r.IsLeader);
        return TypedResults.Ok(new PlacementResponse(ViewNode.Id, [.. placement.Shards.Order()], placement.ShardCount, placement.LiveNodes,
            new PlacementViews(leading, all.Count - leading, all.Count(r => r.IsHibernating)), followers.Count, ProcessMemory.Now()));
    }
}

/// <summary>Views here: led, loaded on demand for queries, and (of either) hibernating without an instance.</summary>
public sealed record PlacementViews(int Leading, int OnDemand, int Hibernating);

public sealed record PlacementResponse(string NodeId, IReadOnlyList<int> Shards, int ShardCount, int LiveNodes, PlacementViews Views, int LogsFollowed,
    ProcessMemory Memory);

/// <summary>
/// Where this process's memory is: the managed heap after the last collection and what the collector holds committed
/// for it; the rest of the resident set is native (engine, compiled code, view instances) and the runtime itself.
/// </summary>
public sealed record ProcessMemory(long ResidentBytes, long ManagedHeapBytes, long ManagedCommittedBytes)
{
    public static ProcessMemory Now()
    {
        var gc = GC.GetGCMemoryInfo();
        return new ProcessMemory(Environment.WorkingSet, gc.HeapSizeBytes, gc.TotalCommittedBytes);
    }
}
