namespace Primatomic.Client;

/// <summary>No response after every attempt: the connection failed or dropped, or each attempt timed out. For an append, <see cref="PrimatomicException.IdempotencyKey"/> says how to find out safely whether it was stored.</summary>
public class PrimatomicConnectionException : PrimatomicException
{
    /// <summary>A failure without details.</summary>
    public PrimatomicConnectionException()
    {
    }

    /// <summary>A failure with a message only.</summary>
    public PrimatomicConnectionException(string message)
        : base(message)
    {
    }

    /// <summary>A failure with a message and its cause.</summary>
    public PrimatomicConnectionException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The service's problem response as a failure.</summary>
    public PrimatomicConnectionException(PrimatomicProblem problem)
        : base(problem)
    {
    }
}
