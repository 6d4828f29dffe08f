namespace Primatomic.Functions.Auth;

/// <summary>Walks the "created through" links between one tenant's API keys.</summary>
internal static class KeyChains
{
    /// <summary>The key and every key created (directly or not) through it, within the tenant.</summary>
    public static IReadOnlyList<string> SelfAndDescendants(IReadOnlyList<ApiKeyRecord> tenantKeys, string tenantId, string keyId)
    {
        var found = new List<string> { keyId };
        for (var next = 0; next < found.Count; next++)
        {
            var parent = found[next];
            found.AddRange(tenantKeys
                .Where(key => key.Parent is { } p && p.TenantId == tenantId && p.KeyId == parent && !found.Contains(key.KeyId))
                .Select(key => key.KeyId));
        }

        return found;
    }

    /// <summary>Whether <paramref name="keyId"/> is <paramref name="ancestor"/> or was created through it.</summary>
    public static bool IsSelfOrDescendantOf(IReadOnlyList<ApiKeyRecord> tenantKeys, string tenantId, string keyId,
        (string TenantId, string KeyId) ancestor)
    {
        (string TenantId, string KeyId)? current = (tenantId, keyId);
        for (var depth = 0; current is { } at && depth <= AuthorizationRules.MaxKeyChainDepth + 1; depth++)
        {
            if (at == ancestor)
            {
                return true;
            }

            current = at.TenantId == tenantId ? tenantKeys.FirstOrDefault(key => key.KeyId == at.KeyId)?.Parent : null;
        }

        return false;
    }
}
