using Azure;
using Azure.Data.Tables;
using Primatomic.Functions.Hosting;

namespace Primatomic.Functions.Auth;

/// <summary>A user as stored for login, found by normalized email.</summary>
internal sealed record UserAccount(string UserId, string Email, string TenantId, string Role, string PasswordHash);

/// <summary>A tenant member as listed by <c>GET /auth/users</c>.</summary>
public sealed record MemberResponse(string UserId, string Email, string Role, DateTimeOffset CreatedAt);

/// <summary>
/// Tenants, their members and the login index. Table "tenants" holds one partition per tenant (the tenant row plus
/// one row per member), so listing members never leaves the tenant. Table "users" is keyed by lower-case email, so
/// login is one point read and email uniqueness is enforced by the table itself.
/// </summary>
internal sealed class AccountStore(StorageClients storage, TimeProvider time)
{
    public const string TenantsTable = "tenants";
    public const string UsersTable = "users";
    private const string TenantRow = "tenant";
    private const string UserRow = "user";
    private const string MemberRowPrefix = "member-";

    private TableClient Tenants => storage.Table(TenantsTable);
    private TableClient Users => storage.Table(UsersTable);

    public static string NormalizeEmail(string email) => email.ToLowerInvariant();

    /// <summary>Creates a tenant with its first user. Throws 409 CONFLICT when the email is taken.</summary>
    public async Task<UserAccount> CreateTenantAsync(string email, string passwordHash, string role, CancellationToken cancellationToken)
    {
        var tenantId = Guid.NewGuid().ToString("N");
        var now = time.GetUtcNow();
        await Tenants.AddEntityAsync(new TableEntity(tenantId, TenantRow) { ["CreatedAt"] = now }, cancellationToken);
        return await AddUserAsync(tenantId, email, passwordHash, role, cancellationToken, deleteTenantOnConflict: true);
    }

    /// <summary>
    /// Adds a user to an existing tenant. The member row goes first and the login row last, so a user who can log in
    /// always belongs to a tenant that exists; a lost race on the email undoes the member row.
    /// </summary>
    public async Task<UserAccount> AddUserAsync(string tenantId, string email, string passwordHash, string role,
        CancellationToken cancellationToken, bool deleteTenantOnConflict = false)
    {
        var normalized = NormalizeEmail(email);
        var userId = Guid.NewGuid().ToString("N");
        var now = time.GetUtcNow();
        var memberRow = MemberRowPrefix + userId;
        await Tenants.AddEntityAsync(new TableEntity(tenantId, memberRow)
        {
            ["Email"] = normalized, ["Role"] = role, ["CreatedAt"] = now,
        }, cancellationToken);
        try
        {
            await Users.AddEntityAsync(new TableEntity(normalized, UserRow)
            {
                ["UserId"] = userId, ["TenantId"] = tenantId, ["Role"] = role, ["PasswordHash"] = passwordHash, ["CreatedAt"] = now,
            }, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == StatusCodes.Status409Conflict)
        {
            await Tenants.DeleteEntityAsync(tenantId, memberRow, cancellationToken: CancellationToken.None);
            if (deleteTenantOnConflict)
            {
                await Tenants.DeleteEntityAsync(tenantId, TenantRow, cancellationToken: CancellationToken.None);
            }

            throw ApiException.Conflict("An account with this email already exists.");
        }

        return new UserAccount(userId, normalized, tenantId, role, passwordHash);
    }

    public async Task<UserAccount?> FindByEmailAsync(string email, CancellationToken cancellationToken)
    {
        var normalized = NormalizeEmail(email);
        var response = await Users.GetEntityIfExistsAsync<TableEntity>(normalized, UserRow, cancellationToken: cancellationToken);
        if (!response.HasValue || response.Value is not { } entity)
        {
            return null;
        }

        return new UserAccount(entity.GetString("UserId"), normalized, entity.GetString("TenantId"), entity.GetString("Role"),
            entity.GetString("PasswordHash"));
    }

    public async Task<bool> TenantExistsAsync(string tenantId, CancellationToken cancellationToken)
    {
        var response = await Tenants.GetEntityIfExistsAsync<TableEntity>(tenantId, TenantRow, ["PartitionKey"], cancellationToken);
        return response.HasValue;
    }

    public async Task<IReadOnlyList<MemberResponse>> ListMembersAsync(string tenantId, CancellationToken cancellationToken)
    {
        var members = new List<MemberResponse>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {tenantId} and RowKey gt {MemberRowPrefix} and RowKey lt {MemberRowPrefix + "~"}");
        await foreach (var entity in Tenants.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            members.Add(new MemberResponse(entity.RowKey[MemberRowPrefix.Length..], entity.GetString("Email"), entity.GetString("Role"),
                entity.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.MinValue));
        }

        return members;
    }
}
