namespace Primatomic.Client;

/// <summary>429 <c>RATE_LIMITED</c> after every attempt: see <see cref="PrimatomicException.RetryAfter"/>.</summary>
public class PrimatomicRateLimitedException : PrimatomicException
{
    /// <summary>A failure without details.</summary>
    public PrimatomicRateLimitedException()
    {
    }

    /// <summary>A failure with a message only.</summary>
    public PrimatomicRateLimitedException(string message)
        : base(message)
    {
    }

    /// <summary>A failure with a message and its cause.</summary>
    public PrimatomicRateLimitedException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The service's problem response as a failure.</summary>
    public PrimatomicRateLimitedException(PrimatomicProblem problem)
        : base(problem)
    {
    }
}
