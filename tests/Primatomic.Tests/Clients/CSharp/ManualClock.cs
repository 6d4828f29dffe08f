namespace Primatomic.Tests.Clients.CSharp;

/// <summary>
/// A clock that moves only when a test says so, for the client's token lifetimes. Timers (retry delays) still run on
/// real time through the base class, so only "what time is it" is faked.
/// </summary>
public sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private long _utcTicks = start.UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _utcTicks), TimeSpan.Zero);

    public void Advance(TimeSpan by) => Interlocked.Add(ref _utcTicks, by.Ticks);
}
