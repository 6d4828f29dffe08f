using System.Text.Json;

namespace Primatomic.Client;

/// <summary>
/// A call that failed: the service's problem response (its stable <see cref="Code"/>, <see cref="Status"/> and the
/// rest), or, with <see cref="Status"/> 0 (<see cref="PrimatomicConnectionException"/>), no response at all after every
/// attempt. Branch on <see cref="Code"/>; subclasses exist for the codes a caller commonly handles.
/// </summary>
public class PrimatomicException : Exception
{
    /// <summary>A failure without details.</summary>
    public PrimatomicException()
        : this("The Primatomic call failed.")
    {
    }

    /// <summary>A failure with a message only.</summary>
    public PrimatomicException(string message)
        : this(message, null)
    {
    }

    /// <summary>A failure with a message and its cause.</summary>
    public PrimatomicException(string message, Exception? innerException)
        : base(message, innerException)
    {
        Code = ErrorCodes.ConnectionFailed;
    }

    /// <summary>The service's problem response as a failure.</summary>
    public PrimatomicException(PrimatomicProblem problem)
        : base(MessageOf(problem))
    {
        Problem = problem;
        Code = problem.Code;
        Status = problem.Status;
    }

    /// <summary>The stable error code (<c>SEQUENCE_MISMATCH</c>, <c>NOT_FOUND</c>, ...); see <see cref="ErrorCodes"/>.</summary>
    public string Code { get; }

    /// <summary>The HTTP status, or 0 when no response arrived.</summary>
    public int Status { get; }

    /// <summary>The whole problem document, or null when no response arrived.</summary>
    public PrimatomicProblem? Problem { get; }

    /// <summary>The human-readable reason; may change between versions, unlike <see cref="Code"/>.</summary>
    public string? Detail => Problem?.Detail;

    /// <summary>The trace id to quote when reporting a failure (the problem's <c>trace_id</c>, else the response's <c>traceparent</c>).</summary>
    public string? TraceId => Problem?.TraceId;

    /// <summary>How long the service asked the caller to wait before trying again (<c>Retry-After</c>).</summary>
    public TimeSpan? RetryAfter => Problem?.RetryAfter;

    /// <summary>
    /// For an append or a log create: the Idempotency-Key every attempt carried. Calling again with this key (within the
    /// service's idempotency window, 15 minutes by default) answers the original result if an attempt was stored, and
    /// never stores it twice.
    /// </summary>
    public string? IdempotencyKey { get; internal set; }

    /// <summary>Whether trying again later may succeed: no response, a timeout, 429, 502, 503 or 504.</summary>
    public bool IsTransient => Status is 0 or 429 or 502 or 503 or 504;

    /// <summary>A member of the problem document beyond the standard ones (e.g. <c>current_sequence</c>), if present.</summary>
    public JsonElement? Extension(string name) =>
        Problem?.Extensions is { } members && members.TryGetValue(name, out var value) ? value : null;

    private static string MessageOf(PrimatomicProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        return $"{problem.Status} {problem.Code}: {problem.Detail ?? problem.Title ?? "no detail"}";
    }
}
