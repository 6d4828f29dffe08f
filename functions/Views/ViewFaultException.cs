namespace Primatomic.Functions.Views;

/// <summary>
/// A view call failed: a trap, an exceeded limit, an error the view returned, or an import it called.
/// <see cref="Sequence"/> is the first event not applied (null for query, snapshot and restore).
/// The message is meant for the tenant: it never carries host internals.
/// </summary>
public sealed class ViewFaultException(string message, ulong? sequence = null, bool fatal = true) : Exception(message)
{
    public ulong? Sequence { get; } = sequence;

    /// <summary>False only when <c>query</c> answered <c>err</c>: the view refused that input and keeps running.</summary>
    public bool IsFatal { get; } = fatal;
}
