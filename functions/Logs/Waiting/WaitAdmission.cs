using System.Collections.Concurrent;

namespace Primatomic.Functions.Logs.Waiting;

/// <summary>
/// Counts open long-polls per tenant and in total, each count changed only by compare-and-swap, so admission never
/// blocks and a tenant's entry disappears with its last wait.
/// </summary>
internal sealed class WaitAdmission(int maxPerTenant, int maxPerInstance)
{
    private readonly ConcurrentDictionary<string, int> _perTenant = new(StringComparer.Ordinal);
    private int _total;

    public int Total => Volatile.Read(ref _total);

    /// <summary>A slot to dispose when the wait ends, or null when the tenant or the instance is at its cap.</summary>
    public IDisposable? TryEnter(string tenantId)
    {
        if (Interlocked.Increment(ref _total) > maxPerInstance)
        {
            Interlocked.Decrement(ref _total);
            return null;
        }

        while (true)
        {
            var current = _perTenant.GetValueOrDefault(tenantId);
            if (current >= maxPerTenant)
            {
                Interlocked.Decrement(ref _total);
                return null;
            }

            if (current == 0 ? _perTenant.TryAdd(tenantId, 1) : _perTenant.TryUpdate(tenantId, current + 1, current))
            {
                return new Slot(this, tenantId);
            }
        }
    }

    private void Leave(string tenantId)
    {
        while (true)
        {
            var current = _perTenant[tenantId];
            if (current == 1 ? _perTenant.TryRemove(KeyValuePair.Create(tenantId, 1)) : _perTenant.TryUpdate(tenantId, current - 1, current))
            {
                Interlocked.Decrement(ref _total);
                return;
            }
        }
    }

    private sealed class Slot(WaitAdmission owner, string tenantId) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                owner.Leave(tenantId);
            }
        }
    }
}
