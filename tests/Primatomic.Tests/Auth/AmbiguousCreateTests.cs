using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Primatomic.Functions.Auth;
using Primatomic.Testing;
using Primatomic.Tests.Infrastructure;

namespace Primatomic.Tests.Auth;

/// <summary>
/// Creates whose storage answer was lost after the write landed (the SDK then retries and meets its own row): the
/// caller who created the thing gets its 201, nothing is half-made, and whoever can log in has a tenant and a
/// member row. A 503 is allowed only when storage really failed, and then a retry gives 201, or 409 for an account
/// that is fully usable with that password.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class AmbiguousCreateTests : IAsyncLifetime
{
    private StorageFaultProxy _proxy = null!;
    private ApiFactory _api = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        var azurite = await SharedAzurite.GetAsync();
        _proxy = await StorageFaultProxy.StartAsync(azurite, seed: 9);
        _api = await ApiFactory.CreateAsync(new Dictionary<string, string?> { ["AzureWebJobsStorage"] = _proxy.ConnectionString });
        _client = _api.CreateClient();
        using var _ = await _client.GetAsync(AuthHttp.Path("/")); // boot (keys, admin) before any fault
        // The requests' own writes, not view placement's background heartbeats and leases.
        _proxy.Applies = request => StorageFaultProxy.IsWrite(request) && !StorageFaultProxy.IsPlacement(request);
        _proxy.LoseAnswerProbability = 0.5;
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _api.DisposeAsync();
        await _proxy.DisposeAsync();
    }

    [Fact]
    public async Task Registrations_under_lost_answers_are_never_409_for_a_new_email_and_never_half_made()
    {
        var accounts = _api.Services.GetRequiredService<AccountStore>();
        for (var i = 0; i < 8; i++)
        {
            var email = $"ambiguous-{Guid.NewGuid():N}@tenant.test";
            var password = $"pw-{Guid.NewGuid():N}";
            using var first = await _client.PostJsonAsync("/auth/register", new { email, password });
            Assert.True(first.StatusCode is HttpStatusCode.Created or HttpStatusCode.ServiceUnavailable,
                $"a new email answered {(int)first.StatusCode}: {await first.Content.ReadAsStringAsync()}");
            var final = first.StatusCode == HttpStatusCode.Created ? first : await RetryUntilDecidedAsync("/auth/register", new { email, password });

            var login = await AuthHttp.LoginAsync(_client, email, password);
            var tenant = TokenForge.Payload(login).GetProperty("tenant").GetString()!;
            var user = TokenForge.Payload(login).GetProperty("sub").GetString()!;
            if (final.StatusCode == HttpStatusCode.Created)
            {
                var body = await final.ReadJsonAsync();
                Assert.Equal(body.GetProperty("tenant_id").GetString(), tenant);
                Assert.Equal(body.GetProperty("user_id").GetString(), user);
            }

            Assert.True(await accounts.TenantExistsAsync(tenant, CancellationToken.None), $"{email} logs in to a tenant that does not exist");
            Assert.True(await accounts.MemberExistsAsync(tenant, user, CancellationToken.None), $"{email} is not a member of its tenant");
        }

        Assert.True(_proxy.LostAnswers > 0);
    }

    [Fact]
    public async Task Users_and_keys_created_or_revoked_under_lost_answers_are_the_callers_and_usable()
    {
        _proxy.LoseAnswerProbability = 0;
        var owner = await TestTenant.RegisterAsync(_client);
        _proxy.LoseAnswerProbability = 0.5;
        for (var i = 0; i < 4; i++)
        {
            var email = $"member-{Guid.NewGuid():N}@tenant.test";
            using var user = await SendUntilDecidedAsync(() => _client.SendWithTokenAsync(HttpMethod.Post, "/auth/users", owner.AccessToken,
                new { email, password = "member-password" }));
            Assert.True(user.StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict, $"{(int)user.StatusCode}");
            var token = await AuthHttp.LoginAsync(_client, email, "member-password");
            Assert.Equal(owner.TenantId, TokenForge.Payload(token).GetProperty("tenant").GetString());

            using var key = await SendUntilDecidedAsync(() => _client.SendWithTokenAsync(HttpMethod.Post, "/auth/keys", owner.AccessToken,
                new { name = "ambiguous", scopes = new[] { Scopes.LogsRead } }));
            Assert.Equal(HttpStatusCode.Created, key.StatusCode);
            var created = await key.ReadJsonAsync();
            using var exchange = await _client.PostJsonAsync("/auth/token", new { api_key = created.GetProperty("api_key").GetString() });
            Assert.Equal(HttpStatusCode.OK, exchange.StatusCode);

            // Revoking is just as sure: a delete whose answer was lost is still the caller's 204, not a 404 (a 404 is
            // only right for a retry after a 503 whose delete had in fact landed), and the key is dead either way.
            var unavailable = false;
            using var revoked = await SendUntilDecidedAsync(async () =>
            {
                var answer = await _client.SendWithTokenAsync(HttpMethod.Delete, $"/auth/keys/{created.GetProperty("key_id").GetString()}",
                    owner.AccessToken);
                unavailable |= answer.StatusCode == HttpStatusCode.ServiceUnavailable;
                return answer;
            });
            Assert.True(revoked.StatusCode == HttpStatusCode.NoContent || (unavailable && revoked.StatusCode == HttpStatusCode.NotFound),
                $"revoking answered {(int)revoked.StatusCode}");
            using var dead = await _client.PostJsonAsync("/auth/token", new { api_key = created.GetProperty("api_key").GetString() });
            Assert.Equal(HttpStatusCode.Unauthorized, dead.StatusCode);
        }
    }

    [Fact]
    public async Task A_rotation_whose_answer_was_lost_adds_one_key_and_answers_it()
    {
        var admin = await AuthHttp.LoginAsync(_client, ApiFactory.AdminEmail, ApiFactory.AdminPassword);
        var before = await JwksKidsAsync();
        // The first upload lands and its answer is lost; the SDK's retry of it meets 412 (the blob changed: by us).
        // (Placement's heartbeats and lease renewals write in the background: they are not the rotation's.)
        var writes = 0;
        var lostBefore = _proxy.LostAnswers;
        _proxy.Applies = request => StorageFaultProxy.IsWrite(request) && !StorageFaultProxy.IsPlacement(request) && Interlocked.Increment(ref writes) == 1;
        _proxy.LoseAnswerProbability = 1;
        using var rotated = await _client.SendWithTokenAsync(HttpMethod.Post, "/auth/signing-keys/rotate", admin);
        _proxy.LoseAnswerProbability = 0;
        Assert.Equal(lostBefore + 1, _proxy.LostAnswers);
        Assert.Equal(HttpStatusCode.OK, rotated.StatusCode);
        var kid = (await rotated.ReadJsonAsync()).GetProperty("kid").GetString();
        var after = await JwksKidsAsync();
        Assert.Equal(before.Count + 1, after.Count);
        Assert.Contains(kid, after);
        var fresh = await AuthHttp.LoginAsync(_client, ApiFactory.AdminEmail, ApiFactory.AdminPassword);
        Assert.Equal(kid, TokenForge.Header(fresh).GetProperty("kid").GetString());
    }

    private async Task<List<string?>> JwksKidsAsync()
    {
        using var response = await _client.GetAsync(AuthHttp.Path("/.well-known/jwks.json"));
        return (await response.ReadJsonAsync()).GetProperty("keys").EnumerateArray().Select(key => key.GetProperty("kid").GetString()).ToList();
    }

    private Task<HttpResponseMessage> RetryUntilDecidedAsync(string path, object body) =>
        SendUntilDecidedAsync(() => _client.PostJsonAsync(path, body));

    /// <summary>Retries 503s, as a client would; any other answer is final and must not be a 5xx.</summary>
    private static async Task<HttpResponseMessage> SendUntilDecidedAsync(Func<Task<HttpResponseMessage>> send)
    {
        for (var attempt = 0; ; attempt++)
        {
            var response = await send();
            if (response.StatusCode != HttpStatusCode.ServiceUnavailable || attempt == 20)
            {
                Assert.True((int)response.StatusCode < 500, $"answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
                return response;
            }

            Assert.True(response.Headers.RetryAfter is not null, "a 503 must carry Retry-After");
            response.Dispose();
        }
    }
}
