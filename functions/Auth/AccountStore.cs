using Azure;
using Azure.Data.Tables;
using Primatomic.Functions.Hosting;

namespace Primatomic.Functions.Auth;

/// <summary>A user as stored for login, found by normalized email.</summary>
internal sealed record UserAccount(string UserId, string Email, string TenantId, string Role, string PasswordHash, DateTimeOffset CreatedAt);

/// <summary>A tenant member as listed by <c>GET /auth/users</c>.</summary>
[Contract.SchemaName("User")]
public sealed record MemberResponse(
    [property: System.ComponentModel.Description("The user's id.")] string UserId,
    [property: System.ComponentModel.Description("The user's email.")] string Email,
    [property: System.ComponentModel.Description("\"owner\", \"member\" or \"admin\".")] string Role,
    [property: System.ComponentModel.Description("When the user was added (ISO 8601, UTC, milliseconds).")] DateTimeOffset CreatedAt);

/// <summary>
/// Tenants, their members and the login index. Table "tenants" holds one partition per tenant (the tenant row plus
/// one row per member), so listing members never leaves the tenant. Table "users" is keyed by lower-case email, so
/// login is one point read and email uniqueness is enforced by the table itself.
/// Creates are idempotent under lost answers (the SDK retries an insert whose answer was lost and meets our own row
/// as 409): our fresh random ids in the row prove it is ours. Rows are written tenant, member, login, so a user who
/// can log in always belongs to a tenant that exists; rows are only undone when the login row is proven to be
/// someone else's.
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
        // A fresh random partition: a 409 here can only be our own insert, retried after its answer was lost.
        await InsertOursAsync(Tenants, new TableEntity(tenantId, TenantRow) { ["CreatedAt"] = Now() }, _ => true, cancellationToken);
        return await AddUserAsync(tenantId, email, passwordHash, role, cancellationToken, newTenant: true);
    }

    /// <summary>Adds a user to an existing tenant. Throws 409 CONFLICT when the email is taken.</summary>
    public async Task<UserAccount> AddUserAsync(string tenantId, string email, string passwordHash, string role,
        CancellationToken cancellationToken, bool newTenant = false)
    {
        var normalized = NormalizeEmail(email);
        var userId = Guid.NewGuid().ToString("N");
        var now = Now();
        var memberRow = MemberRowPrefix + userId;
        await InsertOursAsync(Tenants, new TableEntity(tenantId, memberRow) { ["Email"] = normalized, ["Role"] = role, ["CreatedAt"] = now },
            _ => true, cancellationToken);
        var login = new TableEntity(normalized, UserRow)
        {
            ["UserId"] = userId, ["TenantId"] = tenantId, ["Role"] = role, ["PasswordHash"] = passwordHash, ["CreatedAt"] = now,
        };
        if (!await InsertOursAsync(Users, login, stored => stored.GetString("UserId") == userId, cancellationToken))
        {
            // Someone else holds the email. No login row points at our member row (or our fresh tenant), so undoing
            // them is safe; if undoing fails they stay behind unreachable, which is harmless.
            await TryDeleteAsync(tenantId, memberRow);
            if (newTenant)
            {
                await TryDeleteAsync(tenantId, TenantRow);
            }

            throw ApiException.Conflict("An account with this email already exists.");
        }

        return new UserAccount(userId, normalized, tenantId, role, passwordHash, now);
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
            entity.GetString("PasswordHash"), entity.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.MinValue);
    }

    public async Task<bool> TenantExistsAsync(string tenantId, CancellationToken cancellationToken)
    {
        var response = await Tenants.GetEntityIfExistsAsync<TableEntity>(tenantId, TenantRow, ["PartitionKey"], cancellationToken);
        return response.HasValue;
    }

    public async Task<bool> MemberExistsAsync(string tenantId, string userId, CancellationToken cancellationToken)
    {
        var response = await Tenants.GetEntityIfExistsAsync<TableEntity>(tenantId, MemberRowPrefix + userId, ["PartitionKey"], cancellationToken);
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

    /// <summary>
    /// Inserts <paramref name="entity"/>; true when it is stored, also when a 409 meets a row <paramref name="isOurs"/>
    /// recognises (our insert landed and only its answer was lost); false when the row is someone else's.
    /// </summary>
    private static async Task<bool> InsertOursAsync(TableClient table, TableEntity entity, Func<TableEntity, bool> isOurs,
        CancellationToken cancellationToken)
    {
        try
        {
            await table.AddEntityAsync(entity, cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == StatusCodes.Status409Conflict)
        {
            var stored = await table.GetEntityIfExistsAsync<TableEntity>(entity.PartitionKey, entity.RowKey, cancellationToken: cancellationToken);
            return stored.HasValue && stored.Value is { } row && isOurs(row);
        }
    }

    private async Task TryDeleteAsync(string tenantId, string row)
    {
        try
        {
            await Tenants.DeleteEntityAsync(tenantId, row, cancellationToken: CancellationToken.None);
        }
        catch (RequestFailedException)
        {
            // Unreachable leftovers; see the caller.
        }
    }

    // Stored and answered as the same value: storage keeps milliseconds, so the answer must not carry more.
    private DateTimeOffset Now()
    {
        var now = time.GetUtcNow();
        return now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMillisecond));
    }
}
