namespace Primatomic.Client;

/// <summary>A member of the tenant.</summary>
/// <param name="UserId">The user's id.</param>
/// <param name="Email">Their email (lower-case).</param>
/// <param name="Role"><c>owner</c> or <c>member</c> (or <c>admin</c>).</param>
/// <param name="CreatedAt">When they were added (UTC).</param>
public sealed record UserInfo(string UserId, string Email, string Role, DateTimeOffset CreatedAt);
