using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Primatomic.Functions.Logs.Storage;
using Primatomic.Functions.Views.Placement;

namespace Primatomic.Functions.Views.Following;

/// <summary>
/// One <see cref="LogFollower"/> per log whose views this instance leads: it reads the log once for all of them. A
/// follower ends by itself when its log has no led view left here.
/// </summary>
public sealed class LogFollowers(EventLog events, IOptions<ViewLimits> limits, IOptions<PlacementOptions> placement,
    ILogger<LogFollower> logger) : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, LogFollower> _followers = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();

    /// <summary>Logs followed here now.</summary>
    public int Count => _followers.Count;

    /// <summary>Makes sure <paramref name="logId"/> is followed (a view of it is now led here); <paramref name="replicas"/> lists this instance's replicas of its views.</summary>
    public void Follow(string logId, Func<IReadOnlyList<ViewReplica>> replicas)
    {
        while (!_stopping.IsCancellationRequested)
        {
            var follower = _followers.GetOrAdd(logId, id => new LogFollower(id, events, replicas, limits.Value.FollowPoll,
                placement.Value.FollowPollMax, logger));
            if (follower.Start(() => _followers.TryRemove(new KeyValuePair<string, LogFollower>(logId, follower)), _stopping.Token))
            {
                return;
            }

            // It was ending (its last led view had just gone): replace it.
            _followers.TryRemove(new KeyValuePair<string, LogFollower>(logId, follower));
        }
    }

    /// <summary>A commit of <paramref name="logId"/> up to <paramref name="head"/> (this instance's, or from Event Hubs).</summary>
    public void Committed(string logId, long head)
    {
        if (_followers.TryGetValue(logId, out var follower))
        {
            follower.Committed(head);
        }
    }

    /// <summary>Has every follower read its log's head now and feed its views up to it.</summary>
    public Task PollAllAsync() => Task.WhenAll(_followers.Values.Select(follower => follower.PollNowAsync()));

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await Task.WhenAll(_followers.Values.Select(f => f.Completion));
        _stopping.Dispose();
    }
}
