using System.ComponentModel.DataAnnotations;
using Primatomic.Functions.Hosting;

namespace Primatomic.Functions.Views.Placement;

/// <summary>
/// How views are spread over instances and fed (section <c>Views</c>, beside <see cref="ViewLimits"/>). See
/// docs/scaling.md for what each costs in storage requests.
/// </summary>
[SettingsSection(ViewLimits.Section)]
public sealed class PlacementOptions : IValidatableObject
{
    /// <summary>Placement shards: units of leadership claimed by instances. A power of two, at most 256; fixed per deployment.</summary>
    [Range(1, ShardMap.Partitions)]
    public int Shards { get; set; } = 64;

    /// <summary>Lease on a shard; a dead instance's shards move after at most this plus <see cref="PlacementInterval"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:15", "00:01:00")]
    public TimeSpan ShardLease { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How often an instance heartbeats, looks at who holds what, and claims or gives up shards.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:00:20")]
    public TimeSpan PlacementInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Longest wait between two head reads of an idle led log (the wait doubles from Views__FollowPoll).</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan FollowPollMax { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>A led view with no event or query for this long is checkpointed and its instance let go until next used.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan HibernateAfter { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// After a sweep that hibernated views, collect and trim so the process gives their memory back (see
    /// <c>Runtime/MemoryRelease</c>). Off only where many hosts share one process (the in-process test hosts), since the
    /// collection pauses the whole process.
    /// </summary>
    public bool ReleaseMemoryAfterHibernation { get; set; } = true;

    /// <summary>A view loaded only to answer queries here is dropped after this long without one.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan OnDemandIdle { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Views loaded here only for queries, at most; beyond it the least recently queried is dropped.</summary>
    [Range(1, 100_000)]
    public int MaxOnDemandReplicas { get; set; } = 500;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if ((Shards & (Shards - 1)) != 0)
        {
            yield return new ValidationResult($"Views__Shards must be a power of two that divides {ShardMap.Partitions}.", [nameof(Shards)]);
        }

        if (PlacementInterval * 2 >= ShardLease)
        {
            yield return new ValidationResult("Views__PlacementInterval must be under half of Views__ShardLease, so leases are renewed in time.",
                [nameof(PlacementInterval)]);
        }
    }
}
