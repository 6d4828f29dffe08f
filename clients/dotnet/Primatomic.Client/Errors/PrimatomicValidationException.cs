namespace Primatomic.Client;

/// <summary>400: the request was malformed or invalid (<c>VALIDATION_ERROR</c>, <c>INVALID_VIEW</c>, <c>AFTER_BEYOND_HEAD</c>).</summary>
public class PrimatomicValidationException : PrimatomicException
{
    /// <summary>A failure without details.</summary>
    public PrimatomicValidationException()
    {
    }

    /// <summary>A failure with a message only.</summary>
    public PrimatomicValidationException(string message)
        : base(message)
    {
    }

    /// <summary>A failure with a message and its cause.</summary>
    public PrimatomicValidationException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The service's problem response as a failure.</summary>
    public PrimatomicValidationException(PrimatomicProblem problem)
        : base(problem)
    {
    }
}
