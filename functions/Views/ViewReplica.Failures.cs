using Primatomic.Functions.Logs;
using Primatomic.Functions.Logs.Storage;

namespace Primatomic.Functions.Views;

// Applying a batch, and on failure finding the exact event that fails: the view stops there, for good.
public sealed partial class ViewReplica
{
    private async Task ApplyAsync(IReadOnlyList<StoredEvent> batch, CancellationToken cancellationToken)
    {
        try
        {
            Apply(_instance, batch);
        }
        catch (ViewFaultException) when (batch.Count > 1)
        {
            // The instance is dead and the batch half-applied: rebuild up to the batch and retry one event per call
            // to name the exact event that fails.
            await RebuildBeforeAsync(batch[0].Sequence, cancellationToken);
            if (Failure is not null || ProcessedSequence != batch[0].Sequence - 1)
            {
                return; // the replay itself failed (a non-deterministic view) or the log came up short
            }

            foreach (var single in batch)
            {
                if (!TryApply([single]))
                {
                    return;
                }
            }
        }
        catch (ViewFaultException fault)
        {
            Fail(batch[0].Sequence, fault.Message);
        }
    }

    private bool TryApply(IReadOnlyList<StoredEvent> batch)
    {
        try
        {
            Apply(_instance, batch);
            return true;
        }
        catch (ViewFaultException fault)
        {
            Fail(batch[0].Sequence, fault.Message);
            return false;
        }
    }

    /// <summary>A fresh instance at <c>sequence - 1</c>: from the latest checkpoint before it when there is one, else from 0.</summary>
    private async Task RebuildBeforeAsync(long sequence, CancellationToken cancellationToken)
    {
        var fresh = _engine.Instantiate(_compiled);
        long from = 0;
        if (await _checkpoints.ReadAsync(Record, cancellationToken) is { } checkpoint && checkpoint.Sequence < sequence)
        {
            try
            {
                fresh.Restore(checkpoint.State);
                from = checkpoint.Sequence;
            }
            catch (ViewFaultException)
            {
                fresh.Dispose();
                fresh = _engine.Instantiate(_compiled);
            }
        }

        lock (_instanceLock)
        {
            _instance.Dispose();
            _instance = fresh;
            Volatile.Write(ref _processed, from);
        }

        while (ProcessedSequence < sequence - 1)
        {
            var limit = (int)Math.Min(PageEvents, sequence - 1 - ProcessedSequence);
            var page = await _events.ReadAsync(Record.LogId, ProcessedSequence, limit, LogLimits.MaxPageBytes, cancellationToken);
            if (page.Events.Count == 0 || !TryApply(Contiguous(page.Events, ProcessedSequence)))
            {
                return;
            }
        }
    }

    private void Fail(long sequence, string message)
    {
        Failure = new ViewFailure(sequence, message);
        LogFailed(_logger, Record.LogId, Record.Name, sequence, message);
    }
}
