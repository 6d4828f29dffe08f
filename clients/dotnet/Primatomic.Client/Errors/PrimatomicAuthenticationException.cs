namespace Primatomic.Client;

/// <summary>401 <c>UNAUTHENTICATED</c>: no, an expired or a revoked token, or wrong credentials.</summary>
public class PrimatomicAuthenticationException : PrimatomicException
{
    /// <summary>A failure without details.</summary>
    public PrimatomicAuthenticationException()
    {
    }

    /// <summary>A failure with a message only.</summary>
    public PrimatomicAuthenticationException(string message)
        : base(message)
    {
    }

    /// <summary>A failure with a message and its cause.</summary>
    public PrimatomicAuthenticationException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The service's problem response as a failure.</summary>
    public PrimatomicAuthenticationException(PrimatomicProblem problem)
        : base(problem)
    {
    }
}
