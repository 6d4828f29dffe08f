namespace Primatomic.Functions.Fanout;

/// <summary>One event in a fan-out message: its bytes, or only its sequence (a reference: read it from the log).</summary>
public sealed record FanoutEvent(long Sequence, byte[]? Data, DateTimeOffset? AppendedAt)
{
    public bool IsReference => Data is null;
}
