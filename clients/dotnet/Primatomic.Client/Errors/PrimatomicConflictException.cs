namespace Primatomic.Client;

/// <summary>409: a name taken, a limit reached, a failed view, or a stale <c>expected_sequence</c> (<see cref="SequenceMismatchException"/>).</summary>
public class PrimatomicConflictException : PrimatomicException
{
    /// <summary>A failure without details.</summary>
    public PrimatomicConflictException()
    {
    }

    /// <summary>A failure with a message only.</summary>
    public PrimatomicConflictException(string message)
        : base(message)
    {
    }

    /// <summary>A failure with a message and its cause.</summary>
    public PrimatomicConflictException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The service's problem response as a failure.</summary>
    public PrimatomicConflictException(PrimatomicProblem problem)
        : base(problem)
    {
    }
}
