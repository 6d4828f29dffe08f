using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Primatomic.Functions.Auth;
using Primatomic.Tests.Infrastructure;

namespace Primatomic.Tests.Auth;

/// <summary>
/// What auth answers promise: no cache keeps them (every /auth route, walked from the app's own route table), every
/// Location can be followed, and one value and format for a user's created_at.
/// </summary>
public sealed class AuthAnswersTests(AuthCallersFixture fixture) : IClassFixture<AuthCallersFixture>
{
    private static readonly string[] ReadScope = [Scopes.LogsRead];

    private HttpClient Client => fixture.Client;
    private string Owner => fixture.Owner.AccessToken;

    [Fact]
    public async Task Every_auth_route_answers_with_no_store_and_no_cache()
    {
        var calls = new Dictionary<string, Func<Task<HttpResponseMessage>>>(StringComparer.Ordinal)
        {
            ["POST /auth/register"] = () => Client.PostJsonAsync("/auth/register", new { email = NewEmail(), password = "register-password" }),
            ["POST /auth/login"] = () => Client.PostJsonAsync("/auth/login", new { email = fixture.Owner.Email, password = fixture.Owner.Password }),
            ["POST /auth/token"] = async () => await Client.PostJsonAsync("/auth/token",
                new { api_key = (await fixture.CreateKeyAsync(Owner, [Scopes.LogsRead])).Secret }),
            ["POST /auth/keys"] = () => Client.SendWithTokenAsync(HttpMethod.Post, "/auth/keys", Owner, new { name = "walk", scopes = ReadScope }),
            ["GET /auth/keys"] = () => Client.SendWithTokenAsync(HttpMethod.Get, "/auth/keys", Owner),
            ["GET /auth/keys/{key_id}"] = async () => await Client.SendWithTokenAsync(HttpMethod.Get,
                $"/auth/keys/{(await fixture.CreateKeyAsync(Owner, [Scopes.LogsRead])).KeyId}", Owner),
            ["DELETE /auth/keys/{key_id}"] = async () => await Client.SendWithTokenAsync(HttpMethod.Delete,
                $"/auth/keys/{(await fixture.CreateKeyAsync(Owner, [Scopes.LogsRead])).KeyId}", Owner),
            ["POST /auth/users"] = () => Client.SendWithTokenAsync(HttpMethod.Post, "/auth/users", Owner, new { email = NewEmail(), password = "member-password" }),
            ["GET /auth/users"] = () => Client.SendWithTokenAsync(HttpMethod.Get, "/auth/users", Owner),
            ["POST /auth/signing-keys/rotate"] = async () => await Client.SendWithTokenAsync(HttpMethod.Post, "/auth/signing-keys/rotate",
                await AuthHttp.LoginAsync(Client, ApiFactory.AdminEmail, ApiFactory.AdminPassword)),
        };

        var authRoutes = AuthRoutes();
        Assert.True(authRoutes.SetEquals(calls.Keys), $"auth routes without a case here: {string.Join(", ", authRoutes.Except(calls.Keys))}");
        foreach (var (route, call) in calls)
        {
            using var response = await call();
            Assert.True(response.IsSuccessStatusCode, $"{route} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            Assert.True(response.Headers.CacheControl?.NoStore == true, $"{route} lacks Cache-Control: no-store");
            Assert.Contains("no-cache", response.Headers.Pragma.Select(p => p.Name));
        }
    }

    [Fact]
    public async Task The_Location_of_a_new_key_can_be_followed_and_shows_the_key_without_its_secret()
    {
        using var created = await Client.SendWithTokenAsync(HttpMethod.Post, "/auth/keys", Owner, new { name = "followed", scopes = ReadScope });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.ReadJsonAsync();
        var secret = body.GetProperty("api_key").GetString()!;

        using var followed = await Client.SendWithTokenAsync(HttpMethod.Get, created.Headers.Location!.ToString(), Owner);
        Assert.Equal(HttpStatusCode.OK, followed.StatusCode);
        var text = await followed.Content.ReadAsStringAsync();
        Assert.DoesNotContain(secret.Split('_', 4)[3], text, StringComparison.Ordinal);
        Assert.DoesNotContain("api_key", text, StringComparison.Ordinal);
        var key = await followed.ReadJsonAsync();
        Assert.Equal(body.GetProperty("key_id").GetString(), key.GetProperty("key_id").GetString());
        Assert.Equal(body.GetProperty("created_at").GetString(), key.GetProperty("created_at").GetString());
        Assert.Equal("followed", key.GetProperty("name").GetString());
    }

    [Fact]
    public async Task A_new_users_created_at_is_one_ISO_8601_value_in_every_answer()
    {
        using var created = await Client.SendWithTokenAsync(HttpMethod.Post, "/auth/users", Owner, new { email = NewEmail(), password = "member-password" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var user = await created.ReadJsonAsync();
        var createdAt = user.GetProperty("created_at");
        Assert.Equal(JsonValueKind.String, createdAt.ValueKind);
        Assert.True(DateTimeOffset.TryParse(createdAt.GetString(), System.Globalization.CultureInfo.InvariantCulture, out _));

        using var listed = await Client.SendWithTokenAsync(HttpMethod.Get, "/auth/users", Owner);
        var same = (await listed.ReadJsonAsync()).GetProperty("users").EnumerateArray()
            .Single(member => member.GetProperty("user_id").GetString() == user.GetProperty("user_id").GetString());
        Assert.Equal(createdAt.GetString(), same.GetProperty("created_at").GetString());
    }

    private static string NewEmail() => $"answers-{Guid.NewGuid():N}@tenant.test";

    private HashSet<string> AuthRoutes() =>
        fixture.Api.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(endpoint => endpoint.RoutePattern.RawText?.StartsWith("/auth", StringComparison.Ordinal) == true)
            .SelectMany(endpoint => (endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["*"])
                .Select(method => $"{method} /{endpoint.RoutePattern.RawText!.Trim('/')}"))
            .ToHashSet(StringComparer.Ordinal);
}
