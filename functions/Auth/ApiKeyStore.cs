using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using Microsoft.IdentityModel.Tokens;
using Primatomic.Functions.Hosting;

namespace Primatomic.Functions.Auth;

/// <summary>An API key as listed: never its secret. <see cref="ParentKeyId"/> is the key it was created through, if any.</summary>
[Contract.SchemaName("ApiKey")]
public sealed record ApiKeyResponse(
    [property: System.ComponentModel.Description("The key's id.")] string KeyId,
    [property: System.ComponentModel.Description("The key's name.")] string Name,
    [property: System.ComponentModel.Description("The key's scopes.")] IReadOnlyList<string> Scopes,
    [property: System.ComponentModel.Description("When the key was created (ISO 8601, UTC, milliseconds).")] DateTimeOffset CreatedAt,
    [property: System.ComponentModel.Description("The key whose token created this one; null when a person did.")] string? ParentKeyId);

/// <summary>
/// A stored API key with what token exchange needs. A key created through another key names it
/// (<see cref="Parent"/>, tenant and key id: the admin's keys live in its home tenant), and is only live while that
/// one is; <see cref="Depth"/> counts the keys above it.
/// </summary>
internal sealed record ApiKeyRecord(string TenantId, string KeyId, string Name, IReadOnlyList<string> Scopes, string Role,
    string CreatedBy, DateTimeOffset CreatedAt, (string TenantId, string KeyId)? Parent = null, int Depth = 0)
{
    public ApiKeyResponse ToResponse() => new(KeyId, Name, Scopes, CreatedAt, Parent?.KeyId);
}

/// <summary>
/// API keys in table "apikeys", one partition per tenant. A key reads <c>pk_&lt;tenant&gt;_&lt;key id&gt;_&lt;secret&gt;</c>:
/// the ids make exchange a point read, the secret is 256 random bits, and only its SHA-256 is stored.
/// </summary>
internal sealed class ApiKeyStore(StorageClients storage, TimeProvider time)
{
    public const string TableName = "apikeys";
    private const string Prefix = "pk";

    private TableClient Keys => storage.Table(TableName);

    /// <summary>
    /// Stores a new key. Idempotent under a lost answer: when the SDK's retry of our insert meets our own row (409),
    /// the stored secret hash (256 fresh random bits) proves it is ours, and the create succeeded.
    /// </summary>
    public async Task<(ApiKeyRecord Record, string Secret)> CreateAsync(ApiKeyRecord draft, CancellationToken cancellationToken)
    {
        var keyId = Guid.NewGuid().ToString("N");
        var apiKey = $"{Prefix}_{draft.TenantId}_{keyId}_{Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32))}";
        var now = time.GetUtcNow();
        var record = draft with { KeyId = keyId, CreatedAt = now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMillisecond)) };
        var secretHash = Convert.ToBase64String(Hash(apiKey));
        var entity = new TableEntity(record.TenantId, keyId)
        {
            ["Name"] = record.Name,
            ["Scopes"] = string.Join(' ', record.Scopes),
            ["Role"] = record.Role,
            ["CreatedBy"] = record.CreatedBy,
            ["CreatedAt"] = record.CreatedAt,
            ["SecretHash"] = secretHash,
            ["ParentTenantId"] = record.Parent?.TenantId,
            ["ParentKeyId"] = record.Parent?.KeyId,
            ["Depth"] = record.Depth,
        };
        try
        {
            await Keys.AddEntityAsync(entity, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == StatusCodes.Status409Conflict)
        {
            var stored = await Keys.GetEntityIfExistsAsync<TableEntity>(record.TenantId, keyId, cancellationToken: cancellationToken);
            if (!stored.HasValue || stored.Value?.GetString("SecretHash") != secretHash)
            {
                throw;
            }
        }

        return (record, apiKey);
    }

    public async Task<IReadOnlyList<ApiKeyRecord>> ListAsync(string tenantId, CancellationToken cancellationToken)
    {
        var keys = new List<ApiKeyRecord>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {tenantId}");
        await foreach (var entity in Keys.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            keys.Add(ToRecord(entity));
        }

        return keys;
    }

    /// <summary>The key, or null when the tenant has no such key (ids not in our form are simply unknown).</summary>
    public async Task<ApiKeyRecord?> GetAsync(string tenantId, string keyId, CancellationToken cancellationToken)
    {
        if (!Guid.TryParseExact(tenantId, "N", out _) || !Guid.TryParseExact(keyId, "N", out _))
        {
            return null;
        }

        var response = await Keys.GetEntityIfExistsAsync<TableEntity>(tenantId, keyId, cancellationToken: cancellationToken);
        return response.HasValue && response.Value is { } entity ? ToRecord(entity) : null;
    }

    /// <summary>Revokes a key by deleting it; false when the tenant has no such key.</summary>
    public async Task<bool> DeleteAsync(string tenantId, string keyId, CancellationToken cancellationToken)
    {
        try
        {
            var response = await Keys.DeleteEntityAsync(tenantId, keyId, ETag.All, cancellationToken);
            return response.Status != StatusCodes.Status404NotFound;
        }
        catch (RequestFailedException e) when (e.Status == StatusCodes.Status404NotFound)
        {
            return false;
        }
    }

    /// <summary>The key's record if <paramref name="apiKey"/> is a stored key, compared in constant time; otherwise null.</summary>
    public async Task<ApiKeyRecord?> FindAsync(string apiKey, CancellationToken cancellationToken)
    {
        var parts = apiKey.Split('_', 4);
        if (parts.Length != 4 || parts[0] != Prefix || !Guid.TryParseExact(parts[1], "N", out _) || !Guid.TryParseExact(parts[2], "N", out _))
        {
            return null;
        }

        var response = await Keys.GetEntityIfExistsAsync<TableEntity>(parts[1], parts[2], cancellationToken: cancellationToken);
        if (!response.HasValue || response.Value is not { } entity)
        {
            return null;
        }

        byte[] stored;
        try
        {
            stored = Convert.FromBase64String(entity.GetString("SecretHash") ?? "");
        }
        catch (FormatException)
        {
            return null;
        }

        return CryptographicOperations.FixedTimeEquals(Hash(apiKey), stored) ? ToRecord(entity) : null;
    }

    private static byte[] Hash(string apiKey) => SHA256.HashData(Encoding.UTF8.GetBytes(apiKey));

    private static ApiKeyRecord ToRecord(TableEntity entity) => new(entity.PartitionKey, entity.RowKey, entity.GetString("Name") ?? "",
        (entity.GetString("Scopes") ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries), entity.GetString("Role") ?? Roles.Member,
        entity.GetString("CreatedBy") ?? "", entity.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.MinValue,
        entity.GetString("ParentKeyId") is { Length: > 0 } parentKey
            ? (entity.GetString("ParentTenantId") ?? entity.PartitionKey, parentKey)
            : null,
        entity.GetInt32("Depth") ?? 0);
}
