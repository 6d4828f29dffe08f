using Azure.Data.Tables;

namespace Primatomic.Functions.Logs.Storage;

/// <summary>An append placed at its sequences in one attempt.</summary>
internal sealed record Assignment(PendingAppend Item, long First, long Last);

/// <summary>An append whose expected sequence did not match the running head at its position.</summary>
internal sealed record Rejection(PendingAppend Item, long CurrentSequence);

/// <summary>
/// One try at committing a group: sequences assigned from a head, and the transaction that writes them. Every
/// attempt has its own commit id, recorded in the head row and the segment row, so after an ambiguous failure the
/// writer can tell exactly which attempt (if any) landed.
/// </summary>
internal sealed class CommitAttempt
{
    private CommitAttempt(string commitId, HeadState baseHead)
    {
        CommitId = commitId;
        BaseHead = baseHead;
    }

    public string CommitId { get; }
    public HeadState BaseHead { get; }
    public List<Assignment> Accepted { get; } = [];
    public List<Rejection> Rejected { get; } = [];
    public long Last => Accepted.Count == 0 ? BaseHead.Head : Accepted[^1].Last;

    /// <summary>Set once this attempt can never land: its sequences or its head ETag belong to someone else now.</summary>
    public bool Dead { get; set; }

    public static CommitAttempt Plan(string commitId, IEnumerable<PendingAppend> items, HeadState head)
    {
        var attempt = new CommitAttempt(commitId, head);
        var running = head.Head;
        foreach (var item in items)
        {
            if (item.ExpectedSequence is { } expected && expected != running)
            {
                attempt.Rejected.Add(new Rejection(item, running));
                continue;
            }

            attempt.Accepted.Add(new Assignment(item, running + 1, running + item.Events.Count));
            running += item.Events.Count;
        }

        return attempt;
    }

    /// <summary>The time written into this attempt's segment rows (set by <see cref="Actions"/>).</summary>
    public DateTimeOffset CommittedAt { get; private set; }

    /// <summary>The accepted events at their sequences, as a reader will see them once this attempt has landed.</summary>
    public IReadOnlyList<StoredEvent> CommittedEvents()
    {
        var events = new List<StoredEvent>();
        foreach (var (item, first, _) in Accepted)
        {
            for (var i = 0; i < item.Events.Count; i++)
            {
                events.Add(new StoredEvent(first + i, item.Events[i], CommittedAt));
            }
        }

        return events;
    }

    /// <summary>The markers of the accepted keyed appends, placed relative to the segment's first sequence.</summary>
    public List<KeyMarker> Markers() =>
        [.. Accepted.Where(a => a.Item.Keyed)
            .Select(a => new KeyMarker(a.Item.KeyDigest, a.Item.BodyDigest, (int)(a.First - BaseHead.Head - 1), a.Item.Events.Count))];

    /// <summary>Operations in this attempt's transaction (set by <see cref="Actions"/>): what it writes if it lands.</summary>
    public int Operations { get; private set; }

    /// <summary>The head this attempt writes if it lands (set by <see cref="Actions"/>; the ETag comes from storage).</summary>
    public HeadState LandedHead(Azure.ETag? etag) => new(Last, etag, CommitId, KeysFrom);

    /// <summary>The idempotency window start written into the head (set by <see cref="Actions"/>).</summary>
    public long KeysFrom { get; private set; }

    /// <summary>
    /// Head update (If-Match) or insert, and the segment rows carrying the idempotency markers: all or nothing. The
    /// markers add no operation, so a commit is 1 + segment rows whatever share of its appends carry keys.
    /// </summary>
    public List<TableTransactionAction> Actions(string logId, DateTimeOffset committedAt, long keysFrom)
    {
        CommittedAt = committedAt;
        KeysFrom = keysFrom;
        var head = new TableEntity(logId, Segments.HeadRowKey)
        {
            ["Head"] = Last,
            ["LastCommit"] = CommitId,
            [HeadState.KeysFromProperty] = keysFrom,
        };
        var actions = new List<TableTransactionAction>
        {
            BaseHead.ETag is { } etag
                ? new TableTransactionAction(TableTransactionActionType.UpdateReplace, head, etag)
                : new TableTransactionAction(TableTransactionActionType.Add, head),
        };

        var events = Accepted.SelectMany(a => a.Item.Events).ToList();
        actions.AddRange(Segments.Build(logId, BaseHead.Head + 1, events, CommitId, committedAt, Markers())
            .Select(row => new TableTransactionAction(TableTransactionActionType.Add, row)));
        Operations = actions.Count;
        return actions;
    }

    /// <summary>True when <paramref name="head"/> shows this attempt can no longer land (it has not, see the caller).</summary>
    public bool IsOvertakenBy(HeadState head) => head.ETag != BaseHead.ETag;
}
