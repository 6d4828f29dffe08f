namespace Primatomic.Client;

/// <summary>A page of events.</summary>
/// <param name="Events">Events after the <c>after</c> asked for, in order.</param>
/// <param name="NextAfter">Where to continue: the last event's sequence, or the <c>after</c> asked for if the page is empty.</param>
public sealed record EventPage(IReadOnlyList<Event> Events, long NextAfter);
