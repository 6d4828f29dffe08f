namespace Primatomic.Functions.Views.Replicas;

/// <summary>What other threads ask of a replica's loop; each completes when the loop has done it.</summary>
internal abstract class ReplicaRequest(CancellationToken cancellationToken)
{
    public CancellationToken CancellationToken { get; } = cancellationToken;

    public abstract bool IsCompleted { get; }

    public abstract void Fail(Exception exception);
}

/// <summary>Completes once the replica has processed <see cref="Target"/>, failed, or found the log shorter.</summary>
internal sealed class CatchUpRequest(long target, CancellationToken cancellationToken) : ReplicaRequest(cancellationToken)
{
    public long Target { get; } = target;

    public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public override bool IsCompleted => Done.Task.IsCompleted;

    public override void Fail(Exception exception) => Done.TrySetException(exception);
}

/// <summary>Runs the view's query at the replica's current position.</summary>
internal sealed class QueryRequest(byte[] input, CancellationToken cancellationToken) : ReplicaRequest(cancellationToken)
{
    public byte[] Input { get; } = input;

    public TaskCompletionSource<byte[]> Answer { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public override bool IsCompleted => Answer.Task.IsCompleted;

    public override void Fail(Exception exception) => Answer.TrySetException(exception);
}

/// <summary>One pass of the replica's duties now: apply what it was given and, as leader, write a due checkpoint.</summary>
internal sealed class SweepRequest(CancellationToken cancellationToken, bool hibernate = false) : ReplicaRequest(cancellationToken)
{
    /// <summary>Also checkpoint now and let the instance go (an idle led view), if nothing is left to apply.</summary>
    public bool Hibernate { get; } = hibernate;

    public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public override bool IsCompleted => Done.Task.IsCompleted;

    public override void Fail(Exception exception) => Done.TrySetException(exception);
}
