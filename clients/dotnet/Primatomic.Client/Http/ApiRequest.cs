namespace Primatomic.Client;

/// <summary>One logical call: rebuilt for every attempt, so a retry sends exactly the same request.</summary>
internal sealed record ApiRequest(HttpMethod Method, string Path)
{
    /// <summary>Makes the body afresh for each attempt (HttpContent cannot be sent twice).</summary>
    public Func<HttpContent>? Content { get; init; }

    public bool Authenticated { get; init; } = true;

    public RetrySafety Safety { get; init; } = RetrySafety.Idempotent;

    public string? IdempotencyKey { get; init; }

    /// <summary>Time the service may hold the request on purpose (a long-poll's wait), added to the attempt timeout.</summary>
    public TimeSpan ExtraTime { get; init; }
}
