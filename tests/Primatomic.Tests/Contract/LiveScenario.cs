using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Primatomic.Tests.Infrastructure;

namespace Primatomic.Tests.Contract;

/// <summary>A few calls of every route, as a client makes them: each success, and the failures a client typically meets.</summary>
internal sealed class LiveScenario(HttpClient client)
{
    private static readonly string[] WriteScope = ["logs:write"];
    private static readonly string[] UnknownScope = ["nope"];
    private static readonly string[] TwoEvents = ["eyJuIjo0fQ==", "eyJuIjo1fQ=="];
    private static readonly string[] NotBase64 = ["not base64!"];

    public async Task RunAsync()
    {
        var owner = await TestTenant.RegisterAsync(client);
        var token = owner.AccessToken;
        await Send(HttpMethod.Post, "/auth/register", null, Json(new { email = owner.Email, password = "another-password-1" }), HttpStatusCode.Conflict);
        await Send(HttpMethod.Post, "/auth/register", null, Json(new { email = "not-an-email", password = "long-enough-password" }), HttpStatusCode.BadRequest);
        await Send(HttpMethod.Post, "/auth/login", null, Json(new { email = owner.Email, password = "wrong-password-123" }), HttpStatusCode.Unauthorized);
        await Send(HttpMethod.Post, "/auth/login", null, new StringContent("{}", Encoding.UTF8, "text/plain"), HttpStatusCode.UnsupportedMediaType);
        await Send(HttpMethod.Get, "/.well-known/jwks.json", null, null, HttpStatusCode.OK);
        var wit = await Send(HttpMethod.Get, "/wit/primatomic-machine.wit", null, null, HttpStatusCode.OK);
        using (var cached = new HttpRequestMessage(HttpMethod.Get, new Uri("/wit/primatomic-machine.wit", UriKind.Relative)))
        {
            cached.Headers.TryAddWithoutValidation("If-None-Match", wit.Headers.ETag?.ToString());
            Expect(await client.SendAsync(cached), HttpStatusCode.NotModified);
        }

        var admin = await Read(await Send(HttpMethod.Post, "/auth/login", null, Json(new { email = ApiFactory.AdminEmail, password = ApiFactory.AdminPassword }), HttpStatusCode.OK));
        await Send(HttpMethod.Post, "/auth/signing-keys/rotate", admin.GetProperty("access_token").GetString(), null, HttpStatusCode.OK);
        await Send(HttpMethod.Post, "/auth/signing-keys/rotate", token, null, HttpStatusCode.Forbidden);

        var key = await Read(await Send(HttpMethod.Post, "/auth/keys", token, Json(new { name = "live", scopes = WriteScope }), HttpStatusCode.Created));
        var keyId = key.GetProperty("key_id").GetString();
        await Send(HttpMethod.Post, "/auth/keys", token, Json(new { name = "live", scopes = UnknownScope }), HttpStatusCode.BadRequest);
        await Send(HttpMethod.Get, "/auth/keys", token, null, HttpStatusCode.OK);
        await Send(HttpMethod.Get, $"/auth/keys/{keyId}", token, null, HttpStatusCode.OK);
        await Send(HttpMethod.Get, $"/auth/keys/{Guid.NewGuid():N}", token, null, HttpStatusCode.NotFound);
        var keyToken = await Read(await Send(HttpMethod.Post, "/auth/token", null, Json(new { api_key = key.GetProperty("api_key").GetString() }), HttpStatusCode.OK));
        await Send(HttpMethod.Post, "/auth/token", null, Json(new { api_key = "pk_nope" }), HttpStatusCode.Unauthorized);
        await Send(HttpMethod.Get, "/auth/users", keyToken.GetProperty("access_token").GetString(), null, HttpStatusCode.Forbidden);
        await Send(HttpMethod.Post, "/auth/users", token, Json(new { email = $"m-{Guid.NewGuid():N}@tenant.test", password = "member-password-1", role = "member" }), HttpStatusCode.Created);
        await Send(HttpMethod.Post, "/auth/users", token, Json(new { email = $"m-{Guid.NewGuid():N}@tenant.test", password = "member-password-1", role = "king" }), HttpStatusCode.BadRequest);
        await Send(HttpMethod.Get, "/auth/users", token, null, HttpStatusCode.OK);
        await Send(HttpMethod.Delete, $"/auth/keys/{keyId}", token, null, HttpStatusCode.NoContent);
        await Send(HttpMethod.Delete, $"/auth/keys/{keyId}", token, null, HttpStatusCode.NotFound);

        var name = "live-" + Guid.NewGuid().ToString("N")[..8];
        var log = await Read(await Send(HttpMethod.Post, $"/logs/{name}", token, null, HttpStatusCode.Created));
        var logId = log.GetProperty("log_id").GetString();
        await Send(HttpMethod.Post, $"/logs/{name}", token, null, HttpStatusCode.Conflict);
        await Send(HttpMethod.Post, "/logs/bad!name", token, null, HttpStatusCode.BadRequest);
        await Send(HttpMethod.Post, $"/logs/{name}", null, null, HttpStatusCode.Unauthorized);
        await Send(HttpMethod.Get, "/logs?limit=1", token, null, HttpStatusCode.OK);
        await Send(HttpMethod.Get, $"/logs?name={name}", token, null, HttpStatusCode.OK);
        await Send(HttpMethod.Get, "/logs?continuation=forged", token, null, HttpStatusCode.BadRequest);
        await Send(HttpMethod.Get, "/logs?before=1", token, null, HttpStatusCode.BadRequest);
        await Send(HttpMethod.Get, $"/logs/{logId}", token, null, HttpStatusCode.OK);
        await Send(HttpMethod.Get, $"/logs/{Guid.NewGuid()}", token, null, HttpStatusCode.NotFound);

        await Send(HttpMethod.Post, $"/logs/{logId}/append", token, Bytes("{\"n\":1}", "k1"), HttpStatusCode.OK);
        await Send(HttpMethod.Post, $"/logs/{logId}/append", token, Bytes("{\"n\":2}", "k1"), (HttpStatusCode)422);
        await Send(HttpMethod.Post, $"/logs/{logId}/append?expected_sequence=7", token, Bytes("{\"n\":3}"), HttpStatusCode.Conflict);
        await Send(HttpMethod.Post, $"/logs/{logId}/append", token, Bytes(""), HttpStatusCode.BadRequest);
        await Send(HttpMethod.Post, $"/logs/{logId}/append", token, new ByteArrayContent(new byte[1024 * 1024 + 1]), HttpStatusCode.RequestEntityTooLarge);
        await Send(HttpMethod.Post, $"/logs/{logId}/append-batch", token, Json(new { events = TwoEvents }), HttpStatusCode.OK);
        await Send(HttpMethod.Post, $"/logs/{logId}/append-batch", token, Json(new { events = NotBase64 }), HttpStatusCode.BadRequest);
        await Send(HttpMethod.Post, $"/logs/{logId}/append-batch", token, new StringContent("{\"events\":[]}", Encoding.UTF8, "text/plain"), HttpStatusCode.UnsupportedMediaType);
        await Send(HttpMethod.Get, $"/logs/{logId}/events?after=0&limit=2", token, null, HttpStatusCode.OK);
        await Send(HttpMethod.Get, $"/logs/{logId}/events?after=3&wait=1", token, null, HttpStatusCode.OK);
        await Send(HttpMethod.Get, $"/logs/{logId}/events?after=-1", token, null, HttpStatusCode.BadRequest);

        await RunViewsAsync(token, logId!);
    }

    private async Task RunViewsAsync(string token, string logId)
    {
        var component = new ByteArrayContent(Views.ExampleViews.Component("counter")) { Headers = { ContentType = new MediaTypeHeaderValue("application/octet-stream") } };
        await Send(HttpMethod.Post, $"/logs/{logId}/views/counter", token, component, HttpStatusCode.OK);
        await Send(HttpMethod.Post, $"/logs/{logId}/views/broken", token, Bytes("not a component"), HttpStatusCode.BadRequest);
        await Send(HttpMethod.Get, $"/logs/{logId}/views", token, null, HttpStatusCode.OK);
        await Send(HttpMethod.Get, $"/logs/{logId}/views/counter/stats", token, null, HttpStatusCode.OK);
        await Send(HttpMethod.Get, $"/logs/{logId}/views/nope/stats", token, null, HttpStatusCode.NotFound);
        await Send(HttpMethod.Post, $"/logs/{logId}/views/counter/query?after=3", token, Bytes(""), HttpStatusCode.OK);
        await Send(HttpMethod.Post, $"/logs/{logId}/views/counter/query?after=999", token, Bytes(""), HttpStatusCode.BadRequest);
        await Send(HttpMethod.Post, $"/logs/{logId}/views/nope/query", token, Bytes(""), HttpStatusCode.NotFound);
        await Send(HttpMethod.Delete, $"/logs/{logId}/views/counter", token, null, HttpStatusCode.OK);
        await Send(HttpMethod.Delete, $"/logs/{logId}/views/counter", token, null, HttpStatusCode.NotFound);
    }

    private async Task<HttpResponseMessage> Send(HttpMethod method, string path, string? token, HttpContent? content, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative)) { Content = content };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return Expect(await client.SendAsync(request), expected, $"{method} {path}");
    }

    private static HttpResponseMessage Expect(HttpResponseMessage response, HttpStatusCode expected, string what = "")
    {
        Assert.True(response.StatusCode == expected,
            $"{what}: expected {(int)expected}, got {(int)response.StatusCode} {response.Content.ReadAsStringAsync().GetAwaiter().GetResult()}");
        return response;
    }

    private static async Task<JsonElement> Read(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    private static StringContent Json(object body) => new(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");

    private static ByteArrayContent Bytes(string text, string? idempotencyKey = null)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(text)) { Headers = { ContentType = new MediaTypeHeaderValue("application/octet-stream") } };
        if (idempotencyKey is not null)
        {
            content.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return content;
    }
}
