using System.Collections.Concurrent;

namespace Primatomic.Functions.Auth;

/// <summary>
/// Whether the API key behind a token is still live, checked on every request that carries such a token. Answers
/// are cached for at most 10 s, so a key revoked on another instance stops working here within that time; a key
/// revoked on this instance stops at once.
/// </summary>
internal sealed class ApiKeyRevocations(ApiKeyStore keys, TimeProvider time)
{
    public static readonly TimeSpan MaxStaleness = TimeSpan.FromSeconds(10);
    private const int MaxEntries = 100_000;

    private readonly ConcurrentDictionary<(string Tenant, string KeyId), (bool Active, DateTimeOffset Until)> _cache = new();

    public async Task<bool> IsActiveAsync(string tenantId, string keyId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (_cache.TryGetValue((tenantId, keyId), out var cached) && cached.Until > now)
        {
            return cached.Active;
        }

        var active = Guid.TryParseExact(tenantId, "N", out _) && Guid.TryParseExact(keyId, "N", out _)
            && await keys.ExistsAsync(tenantId, keyId, cancellationToken);
        if (_cache.Count >= MaxEntries)
        {
            // Crude but bounded: forgetting everything only costs some extra point reads.
            _cache.Clear();
        }

        _cache[(tenantId, keyId)] = (active, now + MaxStaleness);
        return active;
    }

    public void MarkRevoked(string tenantId, string keyId) =>
        _cache[(tenantId, keyId)] = (false, time.GetUtcNow() + MaxStaleness);
}
