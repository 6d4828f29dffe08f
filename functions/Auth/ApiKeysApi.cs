using Microsoft.AspNetCore.Http.HttpResults;
using Primatomic.Functions.Contract;
using Primatomic.Functions.Hosting;

namespace Primatomic.Functions.Auth;

/// <summary>
/// API key management: an owner or the admin, with a token holding keys:manage. A token exchanged for a key may
/// create keys no broader than itself (recorded as created through it), list and read the tenant's keys, and revoke
/// only itself and the keys created through it.
/// </summary>
internal static class ApiKeysApi
{
    public static IEndpointRouteBuilder MapApiKeyEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var keys = endpoints.MapGroup("/auth/keys").WithTags("API keys").RequireScope(Scopes.KeysManage).WithAuthResponses();
        keys.MapPost("/", Create).WithName("AuthCreateApiKey").Documented(AuthContract.CreateKey);
        keys.MapGet("/", List).WithName("AuthListApiKeys").Documented(AuthContract.ListKeys);
        keys.MapGet("/{key_id}", Get).WithName("AuthGetApiKey").Documented(AuthContract.GetKey);
        keys.MapDelete("/{key_id}", Revoke).WithName("AuthRevokeApiKey").Documented(AuthContract.RevokeKey);
        return endpoints;
    }

    private static async Task<Created<CreateApiKeyResponse>> Create(CreateApiKeyRequest? request, HttpContext context,
        ApiKeyStore keys, ApiKeyRevocations revocations, AuthAudit audit, CancellationToken cancellationToken)
    {
        var caller = AuthorizationRules.RequireTenantManager(context);
        var name = AuthValidation.KeyName(request?.Name);
        var scopes = AuthValidation.KeyScopes(request?.Scopes);
        AuthorizationRules.RequireGrantable(caller, scopes);
        var draft = new ApiKeyRecord(caller.TenantId, "", name, scopes, AuthorizationRules.RoleForNewKey(caller), caller.SubjectId,
            DateTimeOffset.MinValue);
        if (caller.ApiKeyId is { } parentKeyId && caller.HomeTenantId is { } parentTenant)
        {
            var parent = await keys.GetAsync(parentTenant, parentKeyId, cancellationToken);
            if (parent is null || !await revocations.IsActiveAsync(parentTenant, parentKeyId, cancellationToken))
            {
                throw ApiException.Unauthenticated("The API key behind this token was revoked.");
            }

            if (parent.Depth >= AuthorizationRules.MaxKeyChainDepth)
            {
                throw ApiException.PermissionDenied($"Keys may be created through keys at most {AuthorizationRules.MaxKeyChainDepth} deep.");
            }

            draft = draft with { Parent = (parentTenant, parentKeyId), Depth = parent.Depth + 1 };
        }

        var (record, apiKey) = await keys.CreateAsync(draft, cancellationToken);
        audit.ApiKeyCreated(record.KeyId, caller.TenantId, caller.SubjectId);
        return TypedResults.Created($"/auth/keys/{record.KeyId}",
            new CreateApiKeyResponse(record.KeyId, record.Name, record.Scopes, record.CreatedAt, record.Parent?.KeyId, apiKey));
    }

    private static async Task<Ok<ApiKeyListResponse>> List(HttpContext context, ApiKeyStore keys, CancellationToken cancellationToken)
    {
        var caller = AuthorizationRules.RequireTenantManager(context);
        var records = await keys.ListAsync(caller.TenantId, cancellationToken);
        return TypedResults.Ok(new ApiKeyListResponse(records.Select(record => record.ToResponse()).ToList()));
    }

    private static async Task<Ok<ApiKeyResponse>> Get(string key_id, HttpContext context, ApiKeyStore keys, CancellationToken cancellationToken)
    {
        var caller = AuthorizationRules.RequireTenantManager(context);
        var record = await keys.GetAsync(caller.TenantId, key_id, cancellationToken) ?? throw ApiException.NotFound("No such API key.");
        return TypedResults.Ok(record.ToResponse());
    }

    private static async Task<NoContent> Revoke(string key_id, HttpContext context, ApiKeyStore keys, ApiKeyRevocations revocations,
        CachingTokenHandler tokenCache, AuthAudit audit, CancellationToken cancellationToken)
    {
        var caller = AuthorizationRules.RequireTenantManager(context);
        var tenantKeys = await keys.ListAsync(caller.TenantId, cancellationToken);
        if (tenantKeys.All(key => key.KeyId != key_id))
        {
            throw ApiException.NotFound("No such API key.");
        }

        var revoked = KeyChains.SelfAndDescendants(tenantKeys, caller.TenantId, key_id);
        if (caller.ApiKeyId is { } own && !KeyChains.IsSelfOrDescendantOf(tenantKeys, caller.TenantId, key_id, (caller.HomeTenantId ?? "", own)))
        {
            throw ApiException.PermissionDenied("A token from an API key may only revoke that key and the keys created through it.");
        }

        // The key itself first: from here on its whole chain is dead everywhere (children check their parents), so
        // deleting the descendants is tidying up, and a failure there cannot leave a live key behind. "Already gone"
        // is success too: it is what the SDK's retry sees when our delete landed but its answer was lost.
        await keys.DeleteAsync(caller.TenantId, key_id, cancellationToken);

        revocations.MarkRevoked(caller.TenantId, key_id);
        tokenCache.Invalidate();
        audit.ApiKeyRevoked(key_id, caller.TenantId, caller.SubjectId);
        foreach (var descendant in revoked.Where(id => id != key_id))
        {
            await keys.DeleteAsync(caller.TenantId, descendant, CancellationToken.None);
        }

        return TypedResults.NoContent();
    }
}
