using System.Text.Json;

namespace Primatomic.Client;

/// <summary>An RFC 9457 problem document as the service sends it, with the response's <c>Retry-After</c> and trace id.</summary>
public sealed record PrimatomicProblem
{
    /// <summary>The HTTP status.</summary>
    public required int Status { get; init; }

    /// <summary>The stable error code; <see cref="ErrorCodes.Unknown"/> when the body was not a problem document.</summary>
    public required string Code { get; init; }

    /// <summary>The status's reason phrase.</summary>
    public string? Title { get; init; }

    /// <summary>What went wrong, for people.</summary>
    public string? Detail { get; init; }

    /// <summary>The request path the problem is about.</summary>
    public string? Instance { get; init; }

    /// <summary>The <c>trace_id</c> member, else the W3C trace id of the response's <c>traceparent</c> header.</summary>
    public string? TraceId { get; init; }

    /// <summary>The response's <c>Retry-After</c>, if any.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>Every other member (e.g. <c>current_sequence</c>, <c>head_sequence</c>, <c>limit</c>).</summary>
    public IReadOnlyDictionary<string, JsonElement> Extensions { get; init; } = new Dictionary<string, JsonElement>();
}
