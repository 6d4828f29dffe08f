namespace Primatomic.Functions.Views;

/// <summary>
/// A view call failed: a trap, an exceeded limit, or an import it called. <see cref="Sequence"/> is the event that
/// failed (null for query, snapshot and restore).
/// The message is meant for the tenant: it never carries host internals.
/// </summary>
public sealed class ViewFaultException(string message, ulong? sequence = null, bool fatal = true) : Exception(message)
{
    public ulong? Sequence { get; } = sequence;

    /// <summary>False for a failed <c>query</c>: only that request fails (422) and the view keeps running.</summary>
    public bool IsFatal { get; } = fatal;
}
