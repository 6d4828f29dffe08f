using Primatomic.Functions.Hosting;

namespace Primatomic.Functions.Views;

/// <summary>Request parsing and the waiting rules of the views API.</summary>
internal static class ViewsRequests
{
    public static async Task<ReadOnlyMemory<byte>> BodyAsync(HttpRequest request, int limit, CancellationToken cancellationToken, bool allowEmpty = false)
    {
        if (request.ContentLength > limit)
        {
            throw TooLarge(limit);
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[64 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                throw TooLarge(limit);
            }

            buffer.Write(chunk, 0, read);
        }

        if (buffer.Length == 0 && !allowEmpty)
        {
            throw new ApiException(StatusCodes.Status400BadRequest, ErrorCodes.InvalidView, "The body must be the component's bytes; it is empty.");
        }

        return buffer.ToArray();
    }

    public static long? After(HttpRequest request)
    {
        var text = request.Query["after"].ToString();
        if (text.Length == 0)
        {
            return null;
        }

        return long.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var after)
            ? after
            : throw ApiException.Validation("after must be a non-negative integer sequence.");
    }

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

    private static ApiException TooLarge(int limit) => new(StatusCodes.Status400BadRequest, ErrorCodes.InvalidView,
        $"The body is larger than the limit of {limit} bytes.");
}
