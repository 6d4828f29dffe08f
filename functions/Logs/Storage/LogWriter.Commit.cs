using Azure;
using Azure.Data.Tables;

namespace Primatomic.Functions.Logs.Storage;

internal sealed partial class LogWriter
{
    /// <summary>
    /// Commits one group. Each attempt is conditional on the head ETag (or on inserting the head), so at most one
    /// attempt per head version can land. After any failure the next step first asks storage whether an earlier
    /// attempt landed after all (head's LastCommit, or the segment row at that attempt's last sequence, carries its
    /// commit id); only if none did are sequences reassigned. Nothing is answered before storage confirmed it.
    /// </summary>
    private async Task CommitGroupAsync(List<PendingAppend> group)
    {
        // Span and instruments around the commit; _finished and _conflicts are this group's (one group at a time).
        using var span = LogTelemetry.StartCommit(_logId, group);
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        (_finished, _answeredEarlier, _conflicts, _attempted) = (null, false, 0, 0);
        try
        {
            await CommitGroupCoreAsync(group, started);
        }
        catch (Exception exception)
        {
            span?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, exception.GetType().Name);
            throw;
        }

        var outcome = _finished is { Accepted.Count: > 0 } ? LogTelemetry.Committed
            : _finished is not null || _answeredEarlier ? LogTelemetry.Rejected
            : LogTelemetry.GaveUp;
        LogTelemetry.Finished(span, outcome, started, _attempted, _conflicts, _finished);
    }

    private async Task CommitGroupCoreAsync(List<PendingAppend> group, long started)
    {
        var active = new List<PendingAppend>(group);
        var attempts = new List<CommitAttempt>();
        var groupId = Guid.NewGuid().ToString("N");
        var mustCheck = false;
        for (var attemptNumber = 1; attemptNumber <= MaxAttempts; attemptNumber++)
        {
            _attempted = attemptNumber;
            if (attemptNumber > 1)
            {
                if (System.Diagnostics.Stopwatch.GetElapsedTime(started) > _commitBudget)
                {
                    break;
                }

                await Task.Delay(Backoff(attemptNumber));
            }

            CommitAttempt? done = null;
            try
            {
                var headFresh = false;
                if (mustCheck)
                {
                    done = await FindLandedAsync(attempts);
                    headFresh = true;
                    mustCheck = false;
                }

                if (done is null)
                {
                    if (_head is null)
                    {
                        _head = await _table.ReadHeadAsync(_logId, CancellationToken.None);
                        headFresh = true;
                    }

                    if (active.Any(i => i.Keyed) && await AnswerEarlierKeysAsync(active))
                    {
                        _answeredEarlier = true;
                        return;
                    }

                    var attempt = CommitAttempt.Plan($"{groupId}.{attemptNumber}", active, _head);
                    if (attempt.Accepted.Count == 0 && !headFresh)
                    {
                        // Never reject on a cached head that may be stale.
                        _head = await _table.ReadHeadAsync(_logId, CancellationToken.None);
                        attempt = CommitAttempt.Plan($"{groupId}.{attemptNumber}", active, _head);
                    }

                    if (attempt.Accepted.Count > 0)
                    {
                        attempts.Add(attempt);
                        var actions = attempt.Actions(_logId, DateTimeOffset.UtcNow, _keyed.KeysFrom(_head));
                        var response = await _table.Client.SubmitTransactionAsync(actions);
                        var etag = response.Value[0].Headers.ETag;
                        _head = etag is null ? null : attempt.LandedHead(etag);
                    }

                    done = attempt;
                }
            }
            catch (Exception exception) when (IsStorageFailure(exception))
            {
                _head = null;
                mustCheck = attempts.Count > 0;
                if (exception is RequestFailedException { Status: 409 or 412 })
                {
                    _conflicts++;
                    LogTelemetry.Conflicted();
                }
                else
                {
                    LogAttemptFailed(_logger, exception, attemptNumber, _logId);
                    Hosting.HostingMetrics.StorageError("commit", exception);
                }

                continue;
            }

            await FinishAsync(done);
            return;
        }

        LogGaveUp(_logger, _logId, attempts.Count);
        await GiveUpAsync(active, attempts);
    }

    /// <summary>Answers a committed attempt (or a group that was all rejected) and wakes tailing readers.</summary>
    private async Task FinishAsync(CommitAttempt attempt)
    {
        _finished = attempt;
        if (attempt.Accepted.Count > 0)
        {
            _keyed.Landed(attempt);
            _table.Counters.Committed(attempt.Operations, attempt.Last - attempt.BaseHead.Head);

            // Before answering: a client that reads its own write (query?after=N) then finds it already delivered.
            _signals.Committed(_logId, attempt.CommittedEvents(), System.Diagnostics.Activity.Current?.Context ?? default);
        }

        foreach (var (item, first, last) in attempt.Accepted)
        {
            Complete(item, AppendOutcome.Appended(first, last));
        }

        foreach (var (item, current) in attempt.Rejected)
        {
            if (item.MarkerRowKey is null)
            {
                Complete(item, AppendOutcome.Mismatch(current));
                continue;
            }

            // A retried append whose first try committed must get its original answer, not a mismatch.
            try
            {
                await _keyed.CatchUpAsync(_head ?? await _table.ReadHeadAsync(_logId, CancellationToken.None));
                Complete(item, await _keyed.EarlierAnswerAsync(item) ?? AppendOutcome.Mismatch(current));
            }
            catch (Exception exception) when (IsStorageFailure(exception))
            {
                _carry.Add(item);
            }
        }
    }

    /// <summary>
    /// Brings the key window up to the cached head (the one the next attempt is conditional on) and answers the keyed
    /// appends whose key already committed, dropping them from the group. True when nothing is left to commit.
    /// </summary>
    private async Task<bool> AnswerEarlierKeysAsync(List<PendingAppend> active)
    {
        await _keyed.CatchUpAsync(_head!);
        foreach (var item in active.Where(i => i.Keyed).ToList())
        {
            if (await _keyed.EarlierAnswerAsync(item) is { } earlier)
            {
                active.Remove(item);
                Complete(item, earlier);
            }
        }

        return active.Count == 0;
    }
}
