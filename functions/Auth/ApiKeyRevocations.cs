using System.Collections.Concurrent;

namespace Primatomic.Functions.Auth;

/// <summary>
/// Whether the API key behind a token is still live, checked on every request that carries such a token and at
/// token exchange. A key is live while it exists and so does every key it was created through (revoking a key
/// revokes what was created through it). Answers are cached for at most <see cref="MaxStaleness"/>, and a chain's
/// answer expires with the oldest answer it was built from, so a key revoked on another instance stops working
/// here — with everything below it — within that time; a key revoked on this instance stops at once.
/// </summary>
internal sealed class ApiKeyRevocations(ApiKeyStore keys, TimeProvider time)
{
    public static readonly TimeSpan MaxStaleness = TimeSpan.FromSeconds(10);
    private const int MaxEntries = 100_000;

    private readonly ConcurrentDictionary<(string Tenant, string KeyId), (bool Active, DateTimeOffset Until)> _cache = new();

    public async Task<bool> IsActiveAsync(string tenantId, string keyId, CancellationToken cancellationToken) =>
        (await StateAsync(tenantId, keyId, 0, cancellationToken)).Active;

    /// <summary>Forgets every cached answer (a revoked key's descendants were cached as live) and marks the key revoked.</summary>
    public void MarkRevoked(string tenantId, string keyId)
    {
        _cache.Clear();
        _cache[(tenantId, keyId)] = (false, time.GetUtcNow() + MaxStaleness);
    }

    private async Task<(bool Active, DateTimeOffset Until)> StateAsync(string tenantId, string keyId, int depth,
        CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (_cache.TryGetValue((tenantId, keyId), out var cached) && cached.Until > now)
        {
            return cached;
        }

        var state = (Active: false, Until: now + MaxStaleness);
        if (depth <= AuthorizationRules.MaxKeyChainDepth && await keys.GetAsync(tenantId, keyId, cancellationToken) is { } record)
        {
            state = record.Parent is not { } parent ? (true, state.Until) : await StateAsync(parent.TenantId, parent.KeyId, depth + 1, cancellationToken);
            state.Until = state.Until < now + MaxStaleness ? state.Until : now + MaxStaleness;
        }

        if (_cache.Count >= MaxEntries)
        {
            // Crude but bounded: forgetting everything only costs some extra point reads.
            _cache.Clear();
        }

        _cache[(tenantId, keyId)] = state;
        return state;
    }
}
