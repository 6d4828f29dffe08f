using System.Net;
using System.Net.Http.Json;
using Primatomic.Tests.Infrastructure;

namespace Primatomic.Tests.Logs;

public sealed class LogsCatalogTests : TenantApiTests
{
    private static readonly string[] ReadOnlyScopes = ["logs:read"];

    [Fact]
    public async Task Created_log_is_listed_and_described_with_its_head()
    {
        var name = "orders." + Guid.NewGuid().ToString("N")[..6];
        var logId = await Client.CreateLogAsync(name);
        await Client.AppendOkAsync(logId, [1]);
        await Client.AppendOkAsync(logId, [2]);

        var log = await (await Client.GetAsync(LogsHttp.Path($"/logs/{logId}"))).ReadJsonAsync();
        Assert.Equal(logId, log.GetProperty("log_id").GetString());
        Assert.Equal(name, log.GetProperty("name").GetString());
        Assert.Equal(2, log.GetProperty("head_sequence").GetInt64());
        Assert.True(log.GetProperty("created_at").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddMinutes(-5));

        var list = await (await Client.GetAsync(LogsHttp.Path("/logs"))).ReadJsonAsync();
        var listed = Assert.Single(list.GetProperty("logs").EnumerateArray(), l => l.GetProperty("log_id").GetString() == logId);
        Assert.Equal(name, listed.GetProperty("name").GetString());
        Assert.Equal(2, listed.GetProperty("head_sequence").GetInt64());
    }

    [Fact]
    public async Task Create_answers_201_with_success_and_a_uuid()
    {
        using var response = await Client.PostAsync(LogsHttp.Path("/logs/a"), null);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.ReadJsonAsync();
        Assert.True(body.GetProperty("success").GetBoolean());
        Assert.True(Guid.TryParseExact(body.GetProperty("log_id").GetString(), "D", out _));
    }

    [Fact]
    public async Task Duplicate_name_in_the_same_tenant_returns_409_CONFLICT()
    {
        await Client.CreateLogAsync("dup");
        using var again = await Client.PostAsync(LogsHttp.Path("/logs/dup"), null);
        await again.AssertProblemAsync(HttpStatusCode.Conflict, "CONFLICT");

        // Another tenant may use the same name.
        using var other = Api.CreateClient();
        (await TestTenant.RegisterAsync(other)).Authorize(other);
        await other.CreateLogAsync("dup");
    }

    [Theory]
    [InlineData("has%20space")]
    [InlineData("slash%2Fname")]
    [InlineData("star*")]
    [InlineData("...")]
    [InlineData("nl%0A")]
    [InlineData("x12345678901234567890123456789012345678901234567890123456789012345")]
    public async Task Invalid_name_returns_400_VALIDATION_ERROR(string name)
    {
        using var response = await Client.PostAsync(LogsHttp.Path($"/logs/{name}"), null);
        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
    }

    [Theory]
    [InlineData("00000000-0000-0000-0000-000000000000")]
    [InlineData("not-a-uuid")]
    [InlineData("0123")]
    public async Task Unknown_or_malformed_log_id_returns_404_NOT_FOUND(string logId)
    {
        using var get = await Client.GetAsync(LogsHttp.Path($"/logs/{logId}"));
        await get.AssertProblemAsync(HttpStatusCode.NotFound, "NOT_FOUND");
        using var append = await Client.AppendAsync(logId, [1]);
        await append.AssertProblemAsync(HttpStatusCode.NotFound, "NOT_FOUND");
        using var read = await Client.GetAsync(LogsHttp.Path($"/logs/{logId}/events"));
        await read.AssertProblemAsync(HttpStatusCode.NotFound, "NOT_FOUND");
    }

    [Fact]
    public async Task Another_tenants_log_is_404_for_get_append_batch_and_read()
    {
        var logId = await Client.CreateLogAsync();
        await Client.AppendOkAsync(logId, [42]);
        using var intruder = Api.CreateClient();
        (await TestTenant.RegisterAsync(intruder)).Authorize(intruder);

        using var get = await intruder.GetAsync(LogsHttp.Path($"/logs/{logId}"));
        await get.AssertProblemAsync(HttpStatusCode.NotFound, "NOT_FOUND");
        using var append = await intruder.AppendAsync(logId, [1]);
        await append.AssertProblemAsync(HttpStatusCode.NotFound, "NOT_FOUND");
        using var batch = await intruder.AppendBatchAsync(logId, [[1]]);
        await batch.AssertProblemAsync(HttpStatusCode.NotFound, "NOT_FOUND");
        using var read = await intruder.GetAsync(LogsHttp.Path($"/logs/{logId}/events"));
        await read.AssertProblemAsync(HttpStatusCode.NotFound, "NOT_FOUND");
        var list = await (await intruder.GetAsync(LogsHttp.Path("/logs"))).ReadJsonAsync();
        Assert.Empty(list.GetProperty("logs").EnumerateArray());

        // Nothing the intruder tried is visible to the owner.
        Assert.Single(await Client.ReadAllAsync(logId));
    }

    [Fact]
    public async Task Api_key_with_only_logs_read_cannot_append_403_but_can_read()
    {
        var logId = await Client.CreateLogAsync();
        using var created = await Client.PostAsJsonAsync(LogsHttp.Path("/auth/keys"), new { name = "reader", scopes = ReadOnlyScopes });
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var apiKey = (await created.ReadJsonAsync()).GetProperty("api_key").GetString();
        using var exchanged = await Client.PostAsJsonAsync(LogsHttp.Path("/auth/token"), new { api_key = apiKey });
        var token = (await exchanged.ReadJsonAsync()).GetProperty("access_token").GetString();
        using var reader = Api.CreateClient();
        reader.DefaultRequestHeaders.Authorization = new("Bearer", token);

        using var append = await reader.AppendAsync(logId, [1]);
        await append.AssertProblemAsync(HttpStatusCode.Forbidden, "PERMISSION_DENIED");
        using var create = await reader.PostAsync(LogsHttp.Path("/logs/by-reader"), null);
        await create.AssertProblemAsync(HttpStatusCode.Forbidden, "PERMISSION_DENIED");
        using var read = await reader.GetAsync(LogsHttp.Path($"/logs/{logId}/events"));
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
    }

    [Fact]
    public async Task Admin_acts_inside_a_tenant_with_X_Tenant_ID()
    {
        using var ownerClient = Api.CreateClient();
        var owner = await TestTenant.RegisterAsync(ownerClient);
        owner.Authorize(ownerClient);
        var logId = await ownerClient.CreateLogAsync();
        await ownerClient.AppendOkAsync(logId, [5]);

        using var admin = Api.CreateClient();
        using var login = await admin.PostAsJsonAsync(LogsHttp.Path("/auth/login"), new { email = ApiFactory.AdminEmail, password = ApiFactory.AdminPassword });
        admin.DefaultRequestHeaders.Authorization = new("Bearer", (await login.ReadJsonAsync()).GetProperty("access_token").GetString());
        using var withoutTenant = await admin.GetAsync(LogsHttp.Path($"/logs/{logId}"));
        Assert.NotEqual(HttpStatusCode.OK, withoutTenant.StatusCode);

        admin.DefaultRequestHeaders.Add("X-Tenant-ID", owner.TenantId);
        Assert.Equal([5], (await admin.ReadAllAsync(logId)).Single().Data);
        Assert.Equal(2, await admin.AppendOkAsync(logId, [6]));
        Assert.Equal(2, (await ownerClient.ReadAllAsync(logId)).Count);
    }

    [Fact]
    public async Task Requests_without_a_token_return_401()
    {
        using var anonymous = Api.CreateClient();
        using var response = await anonymous.GetAsync(LogsHttp.Path("/logs"));
        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "UNAUTHENTICATED");
    }
}
