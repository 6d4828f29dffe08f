using Primatomic.Functions.Logs.Storage;

namespace Primatomic.Tests.Logs;

/// <summary>The idempotency window's bounds: whole commits go once older than the span or beyond the key cap.</summary>
public sealed class KeyWindowTests
{
    private static KeyMarker Marker(int key, int offset = 0, int count = 1) => new(new UInt128(0, (ulong)key), new UInt128(1, 1), offset, count);

    [Fact]
    public void Commits_older_than_the_span_are_forgotten_and_the_start_moves_past_them()
    {
        var counters = new LogStorageCounters();
        var window = new KeyWindow(new KeyWindowSettings(TimeSpan.FromMinutes(15), 1_000), counters);
        var now = DateTimeOffset.UtcNow;
        window.Add(1, now - TimeSpan.FromMinutes(20), [Marker(1), Marker(2, 1)]);
        window.Add(3, now - TimeSpan.FromMinutes(10), [Marker(3, 0, 2)]);
        Assert.Equal(1, window.From(5));

        window.Expire(now);

        Assert.Null(window.Find(new UInt128(0, 1)));
        Assert.Equal(new KeyEntry(new UInt128(1, 1), 3, 4), window.Find(new UInt128(0, 3)));
        Assert.Equal(3, window.From(5));
        Assert.Equal(0, counters.KeysEvictedEarly);
    }

    [Fact]
    public void The_key_cap_keeps_at_least_the_last_keys_and_counts_what_it_cut_early()
    {
        var counters = new LogStorageCounters();
        var window = new KeyWindow(new KeyWindowSettings(TimeSpan.FromMinutes(15), 3), counters);
        window.Add(1, DateTimeOffset.UtcNow, [Marker(1), Marker(2, 1)]);
        window.Add(3, DateTimeOffset.UtcNow, [Marker(3), Marker(4, 1)]);

        // Four keys, cap three: dropping the first commit would leave two, fewer than promised, so it stays.
        Assert.Equal(4, window.Count);
        window.Add(5, DateTimeOffset.UtcNow, [Marker(5)]);
        Assert.Equal(3, window.Count);
        Assert.Equal(3, window.From(6));
        Assert.Equal(2, counters.KeysEvictedEarly);
        Assert.Null(window.Find(new UInt128(0, 1)));
        Assert.Null(window.Find(new UInt128(0, 2)));
    }
}
