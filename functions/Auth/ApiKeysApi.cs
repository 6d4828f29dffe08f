using Microsoft.AspNetCore.Http.HttpResults;
using Primatomic.Functions.Hosting;

namespace Primatomic.Functions.Auth;

/// <summary>API key management: owners and the admin, with a token holding keys:manage.</summary>
internal static class ApiKeysApi
{
    public static IEndpointRouteBuilder MapApiKeyEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var keys = endpoints.MapGroup("/auth/keys").RequireScope(Scopes.KeysManage);
        keys.MapPost("/", Create).WithName("AuthCreateApiKey");
        keys.MapGet("/", List).WithName("AuthListApiKeys");
        keys.MapDelete("/{key_id}", Revoke).WithName("AuthRevokeApiKey");
        return endpoints;
    }

    private static async Task<Created<CreateApiKeyResponse>> Create(CreateApiKeyRequest? request, HttpContext context,
        ApiKeyStore keys, AuthAudit audit, CancellationToken cancellationToken)
    {
        var caller = RequireTenantManager(context);
        var name = AuthValidation.KeyName(request?.Name);
        var scopes = AuthValidation.KeyScopes(request?.Scopes);
        // A key the admin creates inside someone else's tenant acts as that tenant's owner, never as the platform admin.
        var role = caller.IsAdmin && caller.TenantId != caller.HomeTenantId ? Roles.Owner : caller.Role;
        var (record, apiKey) = await keys.CreateAsync(caller.TenantId, name, scopes, role, caller.SubjectId, cancellationToken);
        audit.ApiKeyCreated(record.KeyId, caller.TenantId, caller.SubjectId);
        return TypedResults.Created($"/auth/keys/{record.KeyId}",
            new CreateApiKeyResponse(record.KeyId, record.Name, record.Scopes, record.CreatedAt, apiKey));
    }

    private static async Task<Ok<ApiKeyListResponse>> List(HttpContext context, ApiKeyStore keys, CancellationToken cancellationToken)
    {
        var caller = RequireTenantManager(context);
        var records = await keys.ListAsync(caller.TenantId, cancellationToken);
        return TypedResults.Ok(new ApiKeyListResponse(
            records.Select(record => new ApiKeyResponse(record.KeyId, record.Name, record.Scopes, record.CreatedAt)).ToList()));
    }

    private static async Task<NoContent> Revoke(string key_id, HttpContext context, ApiKeyStore keys, ApiKeyRevocations revocations,
        AuthAudit audit, CancellationToken cancellationToken)
    {
        var caller = RequireTenantManager(context);
        if (!Guid.TryParseExact(key_id, "N", out _) || !await keys.DeleteAsync(caller.TenantId, key_id, cancellationToken))
        {
            throw ApiException.NotFound("No such API key.");
        }

        revocations.MarkRevoked(caller.TenantId, key_id);
        audit.ApiKeyRevoked(key_id, caller.TenantId, caller.SubjectId);
        return TypedResults.NoContent();
    }

    /// <summary>Members never manage keys or users, even if a token somehow carried keys:manage.</summary>
    internal static Caller RequireTenantManager(HttpContext context)
    {
        var caller = context.GetCaller();
        if (!RoleScopes.CanManageTenant(caller.Role))
        {
            throw ApiException.PermissionDenied("Only the tenant's owner or the platform admin may do this.");
        }

        return caller;
    }
}
