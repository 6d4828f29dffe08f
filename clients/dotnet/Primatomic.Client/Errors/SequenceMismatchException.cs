namespace Primatomic.Client;

/// <summary>409 <c>SEQUENCE_MISMATCH</c>: the log's head was not the <c>expectedSequence</c> given; it is <see cref="CurrentSequence"/>.</summary>
public class SequenceMismatchException : PrimatomicConflictException
{
    /// <summary>A failure without details.</summary>
    public SequenceMismatchException()
    {
    }

    /// <summary>A failure with a message only.</summary>
    public SequenceMismatchException(string message)
        : base(message)
    {
    }

    /// <summary>A failure with a message and its cause.</summary>
    public SequenceMismatchException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The service's problem response as a failure.</summary>
    public SequenceMismatchException(PrimatomicProblem problem)
        : base(problem)
    {
    }

    /// <summary>The log's head when the append was refused (the problem's <c>current_sequence</c>).</summary>
    public long? CurrentSequence => Extension("current_sequence") is { ValueKind: System.Text.Json.JsonValueKind.Number } value ? value.GetInt64() : null;
}
