using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using Microsoft.IdentityModel.Tokens;
using Primatomic.Functions.Hosting;

namespace Primatomic.Functions.Auth;

/// <summary>An API key as listed: never its secret.</summary>
public sealed record ApiKeyResponse(string KeyId, string Name, IReadOnlyList<string> Scopes, DateTimeOffset CreatedAt);

/// <summary>A stored API key with what token exchange needs.</summary>
internal sealed record ApiKeyRecord(string TenantId, string KeyId, string Name, IReadOnlyList<string> Scopes, string Role,
    string CreatedBy, DateTimeOffset CreatedAt);

/// <summary>
/// API keys in table "apikeys", one partition per tenant. A key reads <c>pk_&lt;tenant&gt;_&lt;key id&gt;_&lt;secret&gt;</c>:
/// the ids make exchange a point read, the secret is 256 random bits, and only its SHA-256 is stored.
/// </summary>
internal sealed class ApiKeyStore(StorageClients storage, TimeProvider time)
{
    public const string TableName = "apikeys";
    private const string Prefix = "pk";

    private TableClient Keys => storage.Table(TableName);

    public async Task<(ApiKeyRecord Record, string Secret)> CreateAsync(string tenantId, string name, IReadOnlyList<string> scopes,
        string role, string createdBy, CancellationToken cancellationToken)
    {
        var keyId = Guid.NewGuid().ToString("N");
        var apiKey = $"{Prefix}_{tenantId}_{keyId}_{Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32))}";
        var record = new ApiKeyRecord(tenantId, keyId, name, scopes, role, createdBy, time.GetUtcNow());
        await Keys.AddEntityAsync(new TableEntity(tenantId, keyId)
        {
            ["Name"] = name,
            ["Scopes"] = string.Join(' ', scopes),
            ["Role"] = role,
            ["CreatedBy"] = createdBy,
            ["CreatedAt"] = record.CreatedAt,
            ["SecretHash"] = Convert.ToBase64String(Hash(apiKey)),
        }, cancellationToken);
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

    public async Task<bool> ExistsAsync(string tenantId, string keyId, CancellationToken cancellationToken)
    {
        var response = await Keys.GetEntityIfExistsAsync<TableEntity>(tenantId, keyId, ["PartitionKey"], cancellationToken);
        return response.HasValue;
    }

    /// <summary>The key's record if <paramref name="apiKey"/> is a live key, compared in constant time; otherwise null.</summary>
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
        entity.GetString("CreatedBy") ?? "", entity.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.MinValue);
}
