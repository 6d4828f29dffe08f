using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;

namespace Primatomic.Functions.Logs.Storage;

/// <summary>One append (or batch) waiting in a log's writer queue, with everything the writer needs to commit it.</summary>
internal sealed class PendingAppend
{
    public PendingAppend(IReadOnlyList<byte[]> events, string? idempotencyKey, long? expectedSequence,
        CancellationToken answerBy = default)
    {
        Events = events;
        AnswerBy = answerBy;
        ExpectedSequence = expectedSequence;
        PayloadBytes = events.Sum(e => (long)e.Length);
        if (idempotencyKey is not null)
        {
            var key = SHA256.HashData(Encoding.UTF8.GetBytes(idempotencyKey));
            MarkerRowKey = "i:" + Convert.ToHexStringLower(key);
            KeyDigest = KeyMarker.Digest(key);
            BodyHash = HashEvents(events);
            BodyDigest = KeyMarker.Digest(Convert.FromHexString(BodyHash));
        }
    }

    public IReadOnlyList<byte[]> Events { get; }

    /// <summary>The trace context of the caller (its request), so the commit span joins its trace; unset when untraced.</summary>
    public ActivityContext Trace { get; } = Activity.Current?.Context ?? default;

    /// <summary>Fires when the caller has been answered 503 (its deadline); if still queued then, it is not committed.</summary>
    public CancellationToken AnswerBy { get; }

    /// <summary>True once the caller has given up waiting; only meaningful before the append joins a commit.</summary>
    public bool Expired => AnswerBy.IsCancellationRequested;
    public long? ExpectedSequence { get; }
    public long PayloadBytes { get; }

    /// <summary>
    /// Row key the earlier scheme gave this append's per-key marker (still honoured when a log has them), or null
    /// without an Idempotency-Key. Also identifies same-key appends within one group.
    /// </summary>
    public string? MarkerRowKey { get; }

    public bool Keyed => MarkerRowKey is not null;

    public string? BodyHash { get; }

    /// <summary>The key's and the body's hashes as stored in a segment's markers (<see cref="KeyMarker"/>).</summary>
    public UInt128 KeyDigest { get; }

    public UInt128 BodyDigest { get; }

    /// <summary>Appends with the same key that arrived while this one was in a group: they get this one's answer.</summary>
    public List<PendingAppend> Followers { get; } = [];

    public TaskCompletionSource<AppendOutcome> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>SHA-256 over each event's length and bytes, so [ab] and [a, b] differ.</summary>
    public static string HashEvents(IReadOnlyList<byte[]> events)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> length = stackalloc byte[sizeof(long)];
        foreach (var data in events)
        {
            System.Buffers.Binary.BinaryPrimitives.WriteInt64LittleEndian(length, data.Length);
            hash.AppendData(length);
            hash.AppendData(data);
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
