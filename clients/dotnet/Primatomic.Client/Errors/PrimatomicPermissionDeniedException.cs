namespace Primatomic.Client;

/// <summary>403: the token lacks the scope or role (<c>PERMISSION_DENIED</c>, <c>SIGNUP_DISABLED</c>).</summary>
public class PrimatomicPermissionDeniedException : PrimatomicException
{
    /// <summary>A failure without details.</summary>
    public PrimatomicPermissionDeniedException()
    {
    }

    /// <summary>A failure with a message only.</summary>
    public PrimatomicPermissionDeniedException(string message)
        : base(message)
    {
    }

    /// <summary>A failure with a message and its cause.</summary>
    public PrimatomicPermissionDeniedException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The service's problem response as a failure.</summary>
    public PrimatomicPermissionDeniedException(PrimatomicProblem problem)
        : base(problem)
    {
    }
}
