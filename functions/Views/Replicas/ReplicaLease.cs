using Stopwatch = System.Diagnostics.Stopwatch;

namespace Primatomic.Functions.Views.Replicas;

/// <summary>
/// A replica's hold on its view's lease (the right to lead: follow the head, write checkpoints). Used only by the
/// replica's loop; <see cref="IsHeld"/> may be read from anywhere.
/// </summary>
internal sealed class ReplicaLease(ViewRecord record, ViewLeases leases)
{
    private readonly Stopwatch _sinceRenew = Stopwatch.StartNew();
    private string? _leaseId;

    public bool IsHeld => Volatile.Read(ref _leaseId) is not null;

    /// <summary>
    /// Renews the lease when a third of its duration has passed (or <paramref name="renewNow"/>), or tries to take it
    /// when <paramref name="tryNow"/>. True when this call took it (the caller then catches up from the checkpoint).
    /// </summary>
    public async Task<bool> KeepAsync(bool renewNow, bool tryNow, CancellationToken cancellationToken)
    {
        if (_leaseId is { } leaseId)
        {
            if (renewNow || _sinceRenew.Elapsed >= ViewLeases.Duration / 3)
            {
                Volatile.Write(ref _leaseId, await leases.RenewAsync(record.LogId, record.Name, leaseId, cancellationToken) ? leaseId : null);
                _sinceRenew.Restart();
            }

            return false;
        }

        if (!tryNow)
        {
            return false;
        }

        Volatile.Write(ref _leaseId, await leases.TryAcquireAsync(record.LogId, record.Name, ViewNode.Id, cancellationToken));
        _sinceRenew.Restart();
        return _leaseId is not null;
    }

    /// <summary>Lets the lease go at once (a failed or stopped replica), so another instance need not wait for it to expire.</summary>
    public async Task ReleaseAsync()
    {
        if (Interlocked.Exchange(ref _leaseId, null) is { } held)
        {
            await leases.ReleaseAsync(record.LogId, record.Name, held);
        }
    }
}
