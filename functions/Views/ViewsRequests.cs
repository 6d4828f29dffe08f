using Primatomic.Functions.Hosting;

namespace Primatomic.Functions.Views;

/// <summary>Request parsing and the waiting rules of the views API.</summary>
internal static class ViewsRequests
{
    /// <summary>The component of a deploy: empty or over the limit is 400 INVALID_VIEW.</summary>
    public static Task<ReadOnlyMemory<byte>> ComponentAsync(HttpRequest request, int limit, CancellationToken cancellationToken) =>
        BodyAsync(request, limit, () => new ApiException(StatusCodes.Status400BadRequest, ErrorCodes.InvalidView,
            $"The component is larger than the limit of {limit} bytes (Views__MaxComponentBytes)."), allowEmpty: false, cancellationToken);

    /// <summary>The input of a query, possibly empty: over the limit is 413 PAYLOAD_TOO_LARGE.</summary>
    public static Task<ReadOnlyMemory<byte>> QueryInputAsync(HttpRequest request, int limit, CancellationToken cancellationToken) =>
        BodyAsync(request, limit, () => ApiException.PayloadTooLarge($"A query's input may be at most {limit} bytes."), allowEmpty: true, cancellationToken);

    private static async Task<ReadOnlyMemory<byte>> BodyAsync(HttpRequest request, int limit, Func<ApiException> tooLarge, bool allowEmpty,
        CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit)
        {
            throw tooLarge();
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[64 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                throw tooLarge();
            }

            buffer.Write(chunk, 0, read);
        }

        if (buffer.Length == 0 && !allowEmpty)
        {
            throw new ApiException(StatusCodes.Status400BadRequest, ErrorCodes.InvalidView, "The body must be the component's bytes; it is empty.");
        }

        return buffer.ToArray();
    }

    public static long? After(HttpRequest request) => QueryParameters.WholeNumber(request, "after", 0, long.MaxValue);

    /// <summary>Catches the replica up to <paramref name="target"/>: 400 beyond the head, 409 if the view failed before it, 503 after the timeout.</summary>
    public static async Task WaitForAsync(ViewReplica replica, long target, Func<Task<long>> head, TimeSpan timeout, CancellationToken cancellationToken)
    {
        // Already there (the usual case when this instance leads): no need to read the head.
        if (replica.ProcessedSequence >= target)
        {
            if (replica.Failure is { } early && early.Sequence <= target)
            {
                throw Failed(early);
            }

            return;
        }

        // A sequence delivered to the replica exists; only a target beyond it needs the head from storage.
        var current = target <= replica.OfferedThrough ? target : await head();
        if (target > current)
        {
            throw new ApiException(StatusCodes.Status400BadRequest, ErrorCodes.AfterBeyondHead,
                $"after={target} is beyond the log's head ({current}).", new Dictionary<string, object?> { ["head_sequence"] = current });
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            await replica.CatchUpAsync(target, deadline.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            ViewTelemetry.QueryTimedOut();
            throw new ApiException(StatusCodes.Status503ServiceUnavailable, ErrorCodes.ViewCatchUpTimeout,
                $"The view did not reach sequence {target} within {timeout.TotalSeconds:0} s; it is at {replica.ProcessedSequence}. Retry.",
                new Dictionary<string, object?> { ["processed_sequence"] = replica.ProcessedSequence });
        }

        if (replica.Failure is { } failure && failure.Sequence <= target)
        {
            throw Failed(failure);
        }
    }

    public static ApiException Failed(ViewFailure failure) => new(StatusCodes.Status409Conflict, ErrorCodes.ViewFailed,
        $"The view failed at sequence {failure.Sequence}: {failure.Message}",
        new Dictionary<string, object?> { ["failed_sequence"] = failure.Sequence, ["error"] = failure.Message });
}
