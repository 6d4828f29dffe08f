using System.Net;
using Primatomic.Testing;
using Primatomic.Tests.Infrastructure;

namespace Primatomic.Tests.Auth;

public sealed class ConcurrentBootTests
{
    [Fact]
    public async Task Two_instances_booting_together_on_fresh_storage_agree_on_one_signing_key_and_one_admin()
    {
        var azurite = await SharedAzurite.GetAsync();
        var shared = new Dictionary<string, string?> { ["STORAGE_NAME_PREFIX"] = SharedAzurite.UniquePrefix() };
        await using var first = new ApiFactory(azurite, shared);
        await using var second = new ApiFactory(azurite, shared);

        var clients = await Task.WhenAll(Task.Run(first.CreateClient), Task.Run(second.CreateClient));
        try
        {
            var kids = await Task.WhenAll(clients.Select(JwksKidsAsync));
            Assert.Single(kids[0]);
            Assert.Equal(kids[0], kids[1]);

            // Both seeded the admin at once; exactly one account exists and either instance can log it in.
            var token = await AuthHttp.LoginAsync(clients[1], ApiFactory.AdminEmail, ApiFactory.AdminPassword);
            using var users = await clients[0].SendWithTokenAsync(HttpMethod.Get, "/auth/users", token);
            Assert.Equal(HttpStatusCode.OK, users.StatusCode);
            Assert.Single((await users.ReadJsonAsync()).GetProperty("users").EnumerateArray());
        }
        finally
        {
            foreach (var client in clients)
            {
                client.Dispose();
            }
        }
    }

    private static async Task<List<string?>> JwksKidsAsync(HttpClient client)
    {
        using var response = await client.GetAsync(AuthHttp.Path("/.well-known/jwks.json"));
        return (await response.ReadJsonAsync()).GetProperty("keys").EnumerateArray().Select(key => key.GetProperty("kid").GetString()).ToList();
    }
}
