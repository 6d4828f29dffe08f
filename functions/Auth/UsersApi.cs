using Microsoft.AspNetCore.Http.HttpResults;
using Primatomic.Functions.Hosting;

namespace Primatomic.Functions.Auth;

/// <summary>
/// Tenant members. Managing them is tenant administration, so it needs the same keys:manage scope and an owner or
/// the admin.
/// </summary>
internal static class UsersApi
{
    public static IEndpointRouteBuilder MapUserEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var users = endpoints.MapGroup("/auth/users").RequireScope(Scopes.KeysManage);
        users.MapPost("/", Create).WithName("AuthCreateUser");
        users.MapGet("/", List).WithName("AuthListUsers");
        return endpoints;
    }

    private static async Task<Created<MemberResponse>> Create(CreateUserRequest? request, HttpContext context, AccountStore accounts,
        AuthAudit audit, TimeProvider time, CancellationToken cancellationToken)
    {
        var caller = ApiKeysApi.RequireTenantManager(context);
        var (email, password) = AuthValidation.Credentials(new CredentialsRequest(request?.Email, request?.Password));
        var role = request?.Role ?? Roles.Member;
        if (role is not (Roles.Member or Roles.Owner))
        {
            throw ApiException.Validation("role must be \"member\" or \"owner\".");
        }

        var user = await accounts.AddUserAsync(caller.TenantId, email, PasswordHasher.Hash(password), role, cancellationToken);
        audit.UserAdded(user.UserId, role, caller.TenantId, caller.SubjectId);
        return TypedResults.Created((string?)null, new MemberResponse(user.UserId, user.Email, role, time.GetUtcNow()));
    }

    private static async Task<Ok<MemberListResponse>> List(HttpContext context, AccountStore accounts, CancellationToken cancellationToken)
    {
        var caller = ApiKeysApi.RequireTenantManager(context);
        return TypedResults.Ok(new MemberListResponse(await accounts.ListMembersAsync(caller.TenantId, cancellationToken)));
    }
}
