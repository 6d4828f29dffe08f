using System.Net;
using System.Text;
using System.Text.Json;
using Primatomic.Tests.Infrastructure;
using Primatomic.Tests.Logs;

namespace Primatomic.Tests.Views;

public sealed class ViewsApiTests : IAsyncLifetime
{
    private ApiFactory _api = null!;
    private HttpClient _client = null!;
    private string _logId = null!;

    public async Task InitializeAsync()
    {
        _api = await ApiFactory.CreateAsync();
        _client = _api.CreateClient();
        (await TestTenant.RegisterAsync(_client)).Authorize(_client);
        _logId = await _client.CreateLogAsync();
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _api.DisposeAsync();
    }

    [Fact]
    public async Task Published_wit_is_served_anonymously_byte_for_byte_and_revalidates_with_its_etag()
    {
        using var anonymous = _api.CreateClient();
        using var response = await anonymous.GetAsync(new Uri("/wit/primatomic-machine.wit", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        var served = await response.Content.ReadAsStringAsync();
        Assert.Equal(await File.ReadAllTextAsync(Primatomic.Testing.RepoPaths.Combine("functions", "Views", "wit", "primatomic-machine.wit")), served);
        Assert.Contains("package primatomic:machine@0.0.1;", served, StringComparison.Ordinal);
        Assert.Contains("world state-machine", served, StringComparison.Ordinal);

        using var again = new HttpRequestMessage(HttpMethod.Get, new Uri("/wit/primatomic-machine.wit", UriKind.Relative));
        again.Headers.IfNoneMatch.Add(response.Headers.ETag!);
        using var revalidated = await anonymous.SendAsync(again);
        Assert.Equal(HttpStatusCode.NotModified, revalidated.StatusCode);
    }

    [Fact]
    public async Task Deployed_counter_is_ready_and_query_after_reflects_every_event_up_to_it()
    {
        var logId = await _client.CreateLogAsync();
        await _client.DeployOkAsync(logId, "counter", WatFixtures.Binary("counter"));
        var stats = await _client.WaitForLeaderAsync(logId, "counter");
        Assert.Equal("running", stats.GetProperty("status").GetString());
        Assert.Equal(stats.GetProperty("serving_node_id").GetString(), stats.GetProperty("leader_node_id").GetString());

        var first = await _client.AppendOkAsync(logId, "{\"type\":\"first\"}"u8.ToArray());
        Assert.Equal("{\"count\":1}", await _client.QueryTextAsync(logId, "counter", after: first));

        var last = await _client.AppendManyAsync(logId, 1000);
        Assert.Equal("{\"count\":1001}", await _client.QueryTextAsync(logId, "counter", after: last));
        stats = await _client.StatsAsync(logId, "counter");
        Assert.True(stats.GetProperty("processed_sequence").GetInt64() >= 1001);
        Assert.Equal(1001, stats.GetProperty("head_sequence").GetInt64());
    }

    [Theory]
    [InlineData("core_module", "not a component")]
    [InlineData("wrong_signature", "does not match the published WIT")]
    public async Task Deploying_an_invalid_component_answers_400_INVALID_VIEW_saying_why(string fixture, string reason)
    {
        using var response = await _client.DeployAsync(_logId, "bad", WatFixtures.Binary(fixture));
        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "INVALID_VIEW");
        Assert.Contains(reason, (await response.ReadJsonAsync()).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deploying_random_bytes_answers_400_INVALID_VIEW()
    {
        using var response = await _client.DeployAsync(_logId, "random", Encoding.UTF8.GetBytes("definitely not wasm"));
        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "INVALID_VIEW");
    }

    [Fact]
    public async Task Query_input_over_1_MiB_answers_413_and_an_oversized_component_400()
    {
        await _client.DeployOkAsync(_logId, "sized", WatFixtures.Binary("counter"));
        using var content = new ByteArrayContent(new byte[(1024 * 1024) + 1]);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/octet-stream");
        using (var query = await _client.PostAsync(LogsHttp.Path($"/logs/{_logId}/views/sized/query"), content))
        {
            await query.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge, "PAYLOAD_TOO_LARGE");
        }

        using var deploy = await _client.DeployAsync(_logId, "big", new byte[(16 * 1024 * 1024) + 1]);
        await deploy.AssertProblemAsync(HttpStatusCode.BadRequest, "INVALID_VIEW");
        Assert.Contains("Views__MaxComponentBytes", (await deploy.ReadJsonAsync()).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1%00")]
    [InlineData("%2B1")]
    [InlineData("1&after=2")]
    public async Task Query_after_that_is_not_plain_digits_answers_400_VALIDATION_ERROR(string after)
    {
        await _client.DeployOkAsync(_logId, "digits", WatFixtures.Binary("counter"));
        await _client.AppendManyAsync(_logId, 2);
        using var content = new ByteArrayContent([]);
        using var response = await _client.PostAsync(LogsHttp.Path($"/logs/{_logId}/views/digits/query?after={after}"), content);
        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
    }

    [Fact]
    public async Task Error_messages_are_readable_json_text_and_never_sniffable()
    {
        using var response = await _client.GetAsync(LogsHttp.Path($"/logs/{_logId}/views/missing/stats"));
        await response.AssertProblemAsync(HttpStatusCode.NotFound, "NOT_FOUND");
        var raw = await response.Content.ReadAsStringAsync();
        Assert.Contains("'missing'", raw, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u0027", raw, StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Fact]
    public async Task Query_after_beyond_the_head_answers_400_AFTER_BEYOND_HEAD()
    {
        await _client.DeployOkAsync(_logId, "beyond", WatFixtures.Binary("counter"));
        using var response = await _client.QueryAsync(_logId, "beyond", after: 1_000_000);
        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "AFTER_BEYOND_HEAD");
    }

    [Fact]
    public async Task View_trapping_at_event_5_fails_there_answers_409_and_other_views_keep_working()
    {
        var logId = await _client.CreateLogAsync();
        await _client.DeployOkAsync(logId, "fragile", WatFixtures.Binary("trap_at_5"));
        await _client.DeployOkAsync(logId, "steady", WatFixtures.Binary("counter"));
        var last = await _client.AppendManyAsync(logId, 8);

        using var response = await _client.QueryAsync(logId, "fragile", after: last);
        await response.AssertProblemAsync(HttpStatusCode.Conflict, "VIEW_FAILED");
        Assert.Equal(5, (await response.ReadJsonAsync()).GetProperty("failed_sequence").GetInt64());

        var stats = await _client.StatsAsync(logId, "fragile");
        Assert.Equal("failed", stats.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, stats.GetProperty("leader_status").ValueKind);
        Assert.Equal(4, stats.GetProperty("processed_sequence").GetInt64());
        Assert.Contains("unreachable", stats.GetProperty("last_error").GetString(), StringComparison.Ordinal);
        Assert.Equal("{\"count\":8}", await _client.QueryTextAsync(logId, "steady", after: last));
    }

    [Fact]
    public async Task Views_are_listed_redeploy_bumps_the_version_and_delete_removes_the_view()
    {
        var logId = await _client.CreateLogAsync();
        var component = WatFixtures.Binary("counter");
        Assert.Equal(1, (await _client.DeployOkAsync(logId, "mine", component)).GetProperty("version").GetInt64());
        var last = await _client.AppendManyAsync(logId, 3);
        Assert.Equal("{\"count\":3}", await _client.QueryTextAsync(logId, "mine", after: last));

        Assert.Equal(2, (await _client.DeployOkAsync(logId, "mine", component)).GetProperty("version").GetInt64());
        Assert.Equal("{\"count\":3}", await _client.QueryTextAsync(logId, "mine", after: last));

        using (var list = await _client.GetAsync(LogsHttp.Path($"/logs/{logId}/views")))
        {
            var views = (await list.ReadJsonAsync()).GetProperty("views").EnumerateArray().ToList();
            Assert.Equal("mine", Assert.Single(views).GetProperty("view_name").GetString());
        }

        using (var deleted = await _client.DeleteAsync(LogsHttp.Path($"/logs/{logId}/views/mine")))
        {
            Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        }

        using var gone = await _client.QueryAsync(logId, "mine");
        await gone.AssertProblemAsync(HttpStatusCode.NotFound, "NOT_FOUND");
    }

    [Fact]
    public async Task Views_of_another_tenants_log_are_not_found()
    {
        using var stranger = _api.CreateClient();
        (await TestTenant.RegisterAsync(stranger)).Authorize(stranger);
        using var response = await stranger.DeployAsync(_logId, "intruder", WatFixtures.Binary("counter"));
        await response.AssertProblemAsync(HttpStatusCode.NotFound, "NOT_FOUND");
    }
}
