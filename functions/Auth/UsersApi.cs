using Microsoft.AspNetCore.Http.HttpResults;
using Primatomic.Functions.Contract;
using Primatomic.Functions.Hosting;

namespace Primatomic.Functions.Auth;

/// <summary>
/// Tenant members. Managing people is for people: an owner or the admin signed in with a password (a login token,
/// never one exchanged for an API key), whose token holds keys:manage.
/// </summary>
internal static class UsersApi
{
    public static IEndpointRouteBuilder MapUserEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var users = endpoints.MapGroup("/auth/users").WithTags("Users").RequireScope(Scopes.KeysManage).RequirePasswordSession().WithAuthResponses();
        users.MapPost("/", Create).WithName("AuthCreateUser").Documented(AuthContract.CreateUser);
        users.MapGet("/", List).WithName("AuthListUsers").Documented(AuthContract.ListUsers);
        return endpoints;
    }

    private static async Task<Created<MemberResponse>> Create(CreateUserRequest? request, HttpContext context, AccountStore accounts,
        PasswordWork passwords, AuthAudit audit, CancellationToken cancellationToken)
    {
        var caller = AuthorizationRules.RequireTenantManager(context);
        var (email, password) = AuthValidation.Credentials(new CredentialsRequest(request?.Email, request?.Password));
        var role = request?.Role ?? Roles.Member;
        if (role is not (Roles.Member or Roles.Owner))
        {
            throw ApiException.Validation("role must be \"member\" or \"owner\".");
        }

        var user = await accounts.AddUserAsync(caller.TenantId, email, await passwords.HashAsync(password), role, cancellationToken);
        audit.UserAdded(user.UserId, role, caller.TenantId, caller.SubjectId);
        return TypedResults.Created((string?)null, new MemberResponse(user.UserId, user.Email, role, user.CreatedAt));
    }

    private static async Task<Ok<MemberListResponse>> List(HttpContext context, AccountStore accounts, CancellationToken cancellationToken)
    {
        var caller = AuthorizationRules.RequireTenantManager(context);
        return TypedResults.Ok(new MemberListResponse(await accounts.ListMembersAsync(caller.TenantId, cancellationToken)));
    }
}
