namespace Primatomic.Client;

/// <summary>503 after every attempt (<c>SERVICE_UNAVAILABLE</c>, <c>VIEW_CATCH_UP_TIMEOUT</c>): see <see cref="PrimatomicException.RetryAfter"/>.</summary>
public class PrimatomicUnavailableException : PrimatomicException
{
    /// <summary>A failure without details.</summary>
    public PrimatomicUnavailableException()
    {
    }

    /// <summary>A failure with a message only.</summary>
    public PrimatomicUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>A failure with a message and its cause.</summary>
    public PrimatomicUnavailableException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The service's problem response as a failure.</summary>
    public PrimatomicUnavailableException(PrimatomicProblem problem)
        : base(problem)
    {
    }
}
