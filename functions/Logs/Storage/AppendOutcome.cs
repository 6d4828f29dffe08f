namespace Primatomic.Functions.Logs.Storage;

public enum AppendStatus
{
    /// <summary>Committed (now or, for an idempotent replay, earlier) as sequences First..Last.</summary>
    Appended,

    /// <summary>The expected sequence did not match; <see cref="AppendOutcome.CurrentSequence"/> is the head.</summary>
    SequenceMismatch,

    /// <summary>The idempotency key was already used with a different body.</summary>
    KeyReused,

    /// <summary>
    /// Not confirmed: storage kept failing, or the caller's deadline passed first. It may still commit if it was already
    /// in a commit attempt (see docs/storage.md); its Idempotency-Key then answers a retry with the original sequences.
    /// </summary>
    Unavailable,
}

/// <summary>The answer to one append or batch append.</summary>
public sealed record AppendOutcome(AppendStatus Status, long First = 0, long Last = 0, long CurrentSequence = 0)
{
    public static AppendOutcome Appended(long first, long last) => new(AppendStatus.Appended, first, last);

    public static AppendOutcome Mismatch(long current) => new(AppendStatus.SequenceMismatch, CurrentSequence: current);

    public static readonly AppendOutcome KeyReused = new(AppendStatus.KeyReused);

    public static readonly AppendOutcome Unavailable = new(AppendStatus.Unavailable);
}
