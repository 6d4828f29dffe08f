namespace Primatomic.Client;

/// <summary>A bearer token and when to stop using it (its expiry less the refresh margin).</summary>
internal sealed record CachedToken(string Value, DateTimeOffset RefreshAt);
