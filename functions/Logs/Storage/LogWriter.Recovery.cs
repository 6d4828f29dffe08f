using Azure;
using Azure.Data.Tables;

namespace Primatomic.Functions.Logs.Storage;

/// <summary>After a failed attempt: finding out what storage really holds, and giving up without leaving doubt.</summary>
internal sealed partial class LogWriter
{
    /// <summary>Which earlier attempt, if any, is committed. Refreshes the cached head as a side effect.</summary>
    private async Task<CommitAttempt?> FindLandedAsync(List<CommitAttempt> attempts)
    {
        var head = await _table.ReadHeadAsync(_logId, CancellationToken.None);
        _head = head;
        foreach (var attempt in attempts.Where(a => !a.Dead))
        {
            if (head.LastCommit == attempt.CommitId)
            {
                return attempt;
            }

            if (attempt.Last <= head.Head)
            {
                var row = await _table.ReadRowAsync(_logId, Segments.RowKey(attempt.Last), CancellationToken.None);
                if (row?.GetString("Commit") == attempt.CommitId)
                {
                    return attempt;
                }

                attempt.Dead = true;
            }
            else if (attempt.IsOvertakenBy(head))
            {
                attempt.Dead = true;
            }

            // Otherwise the head is still the one this attempt was based on: it has not landed, and any new attempt
            // is conditional on the same head, so at most one of them ever can.
        }

        return null;
    }

    /// <summary>
    /// Out of attempts: answer the group as unavailable, but only once no attempt can still land. An attempt still
    /// in limbo is based on the current head version, so fencing that version (rewriting the head unchanged under
    /// If-Match) makes it fail for good; if the fence loses to another writer, the head moved and a final check says
    /// whether ours was the one that moved it.
    /// </summary>
    private async Task GiveUpAsync(List<PendingAppend> active, List<CommitAttempt> attempts)
    {
        try
        {
            if (attempts.Count > 0 && await FindLandedAsync(attempts) is { } landed)
            {
                await FinishAsync(landed);
                return;
            }

            if (attempts.Any(a => !a.Dead) && _head is { } head && !await FenceAsync(head)
                && await FindLandedAsync(attempts) is { } late)
            {
                await FinishAsync(late);
                return;
            }
        }
        catch (Exception exception) when (IsStorageFailure(exception))
        {
            // Storage is unreachable: the caveat documented in docs/storage.md applies.
            _head = null;
        }

        foreach (var item in active)
        {
            Complete(item, AppendOutcome.Unavailable);
        }
    }

    /// <summary>Moves the head to a new version without changing it; false if another writer got there first.</summary>
    private async Task<bool> FenceAsync(HeadState head)
    {
        var fence = new TableEntity(_logId, Segments.HeadRowKey)
        {
            ["Head"] = head.Head,
            ["LastCommit"] = "fence-" + Guid.NewGuid().ToString("N"),
            [HeadState.KeysFromProperty] = head.WindowStart,
        };
        try
        {
            if (head.ETag is { } etag)
            {
                await _table.Client.UpdateEntityAsync(fence, etag, TableUpdateMode.Replace);
            }
            else
            {
                await _table.Client.AddEntityAsync(fence);
            }

            _head = null;
            return true;
        }
        catch (RequestFailedException exception) when (exception.Status is 409 or 412)
        {
            _head = null;
            return false;
        }
    }
}
