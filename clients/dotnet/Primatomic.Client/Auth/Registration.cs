namespace Primatomic.Client;

/// <summary>A new tenant and its owner, from <c>POST /auth/register</c>.</summary>
/// <param name="TenantId">The new tenant.</param>
/// <param name="UserId">Its owner's user id.</param>
public sealed record Registration(string TenantId, string UserId);
