namespace Primatomic.Functions.Views.Replicas;

/// <summary>
/// How many events a replica applies in one step: as many as took about 10 ms last time, at most a page. It shapes
/// batches only (so that a slow view holds its thread for one short step at a time); whether an event fails depends
/// on its fuel, never on this.
/// </summary>
internal sealed class StepSize
{
    /// <summary>The most events one read of the log returns, and so the largest step.</summary>
    public const int PageEvents = 1000;

    private static readonly TimeSpan Slice = TimeSpan.FromMilliseconds(10);

    public int Events { get; private set; } = 16; // grows to a page within a few steps when events are cheap

    /// <summary>Shrinks after a step that took well over a slice, doubles after a full one that took well under.</summary>
    public void Took(int events, TimeSpan took)
    {
        if (took > Slice * 2)
        {
            Events = Math.Max(1, (int)(events * (Slice / took)));
        }
        else if (took < Slice / 2 && events >= Events)
        {
            Events = Math.Min(PageEvents, Events * 2);
        }
    }
}
