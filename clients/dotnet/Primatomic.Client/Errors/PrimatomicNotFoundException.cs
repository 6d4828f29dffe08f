namespace Primatomic.Client;

/// <summary>404 <c>NOT_FOUND</c>: no such log, view, key or route, or one that belongs to another tenant.</summary>
public class PrimatomicNotFoundException : PrimatomicException
{
    /// <summary>A failure without details.</summary>
    public PrimatomicNotFoundException()
    {
    }

    /// <summary>A failure with a message only.</summary>
    public PrimatomicNotFoundException(string message)
        : base(message)
    {
    }

    /// <summary>A failure with a message and its cause.</summary>
    public PrimatomicNotFoundException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The service's problem response as a failure.</summary>
    public PrimatomicNotFoundException(PrimatomicProblem problem)
        : base(problem)
    {
    }
}
