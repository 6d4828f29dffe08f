namespace Primatomic.Client;

/// <summary>The JSON envelopes the service wraps lists and requests in; not part of the public surface.</summary>
internal static class Wire
{
    public sealed record Credentials(string Email, string Password);

    public sealed record ApiKeyRequest(string ApiKey);

    public sealed record NewKey(string Name, IReadOnlyList<string> Scopes);

    public sealed record NewUser(string Email, string Password, string Role);

    public sealed record ApiKeyList(IReadOnlyList<ApiKeyInfo> Keys);

    public sealed record UserList(IReadOnlyList<UserInfo> Users);

    public sealed record CreatedLog(string LogId);

    public sealed record Batch(IReadOnlyList<byte[]> Events);

    public sealed record ViewList(IReadOnlyList<ViewInfo> Views);
}
