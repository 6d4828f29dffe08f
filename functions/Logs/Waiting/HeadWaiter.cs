namespace Primatomic.Functions.Logs.Waiting;

/// <summary>
/// One long-poll waiting for a log's head to pass <see cref="After"/>. The same object is sent to the watch twice at
/// most: once to wait, once withdrawn when its caller stops waiting.
/// </summary>
internal sealed class HeadWaiter(long after)
{
    private readonly TaskCompletionSource<WaitOutcome> _outcome = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public long After => after;

    public Task<WaitOutcome> Outcome => _outcome.Task;

    public bool Withdrawn { get; private set; }

    /// <summary>Marks the waiter withdrawn; send it again so the watch forgets it.</summary>
    public HeadWaiter Withdraw()
    {
        Withdrawn = true;
        return this;
    }

    /// <summary>Completes the wait when <paramref name="head"/> is beyond it; true when it did.</summary>
    public bool Release(long head) => head > after && _outcome.TrySetResult(WaitOutcome.HeadMoved);

    /// <summary>The watch closed before it took this waiter: the caller must register with a new watch.</summary>
    public void Retry() => _outcome.TrySetResult(WaitOutcome.Retry);
}

internal enum WaitOutcome
{
    HeadMoved,
    Retry,
}
