namespace Primatomic.Functions.Hosting;

/// <summary>A request ran past its deadline (REQUEST_TIMEOUT_SECS); answered 503 with Retry-After.</summary>
public sealed class RequestDeadlineExceededException(TimeSpan budget, Exception inner)
    : Exception($"The request did not complete within {budget.TotalSeconds:0.#} s.", inner);
