using System.Net;
using System.Text;
using Primatomic.Tests.Infrastructure;

namespace Primatomic.Tests.Logs;

/// <summary>GET /logs: pages with a limit and an opaque continuation token, and lookup by name.</summary>
public sealed class LogListingTests : TenantApiTests
{
    [Fact]
    public async Task Pages_cover_every_log_exactly_once_in_name_order()
    {
        var names = Enumerable.Range(0, 23).Select(i => $"page-{Guid.NewGuid():N}"[..16]).ToList();
        foreach (var name in names)
        {
            await Client.CreateLogAsync(name);
        }

        var seen = new List<string>();
        string? continuation = null;
        var pages = 0;
        do
        {
            var query = continuation is null ? "?limit=5" : $"?limit=5&continuation={continuation}";
            using var response = await Client.GetAsync(LogsHttp.Path("/logs" + query));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var page = await response.ReadJsonAsync();
            var logs = page.GetProperty("logs").EnumerateArray().ToList();
            Assert.InRange(logs.Count, 1, 5);
            seen.AddRange(logs.Select(l => l.GetProperty("name").GetString()!));
            continuation = page.GetProperty("continuation").GetString();
            Assert.Equal(continuation is not null, response.Headers.Contains("Link"));
            pages++;
        }
        while (continuation is not null);

        Assert.Equal(5, pages);
        Assert.Equal([.. names.Order(StringComparer.Ordinal)], seen);

        // The default page holds them all (100), and says there is nothing more.
        var all = await (await Client.GetAsync(LogsHttp.Path("/logs"))).ReadJsonAsync();
        Assert.Equal(23, all.GetProperty("logs").GetArrayLength());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, all.GetProperty("continuation").ValueKind);
    }

    [Theory]
    [InlineData("limit=0")]
    [InlineData("limit=1001")]
    [InlineData("limit=-1")]
    [InlineData("limit=1%00")]
    [InlineData("limit=ten")]
    [InlineData("limit=1&limit=2")]
    [InlineData("continuation=")]
    [InlineData("continuation=not-a-token!")]
    [InlineData("continuation=AAAA")]
    [InlineData("continuation=MTpvcmRlcnMvLi4v")]
    [InlineData("continuation=Mjpvcm")]
    [InlineData("name=")]
    [InlineData("name=bad%20name")]
    [InlineData("name=orders&limit=5")]
    public async Task Bad_limit_continuation_or_name_is_400(string query)
    {
        using var response = await Client.GetAsync(LogsHttp.Path("/logs?" + query));
        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
    }

    [Fact]
    public async Task A_forged_token_of_the_right_form_only_moves_the_start()
    {
        var name = "forged-" + Guid.NewGuid().ToString("N")[..8];
        await Client.CreateLogAsync(name);
        var token = Convert.ToBase64String(Encoding.UTF8.GetBytes("1:forged-")).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var page = await (await Client.GetAsync(LogsHttp.Path($"/logs?limit=1000&continuation={token}"))).ReadJsonAsync();
        Assert.Contains(page.GetProperty("logs").EnumerateArray(), l => l.GetProperty("name").GetString() == name);
    }

    [Fact]
    public async Task Lookup_by_name_answers_that_log_or_an_empty_list()
    {
        var name = "named-" + Guid.NewGuid().ToString("N")[..8];
        var logId = await Client.CreateLogAsync(name);
        await Client.AppendOkAsync(logId, [1]);

        var found = await (await Client.GetAsync(LogsHttp.Path($"/logs?name={name}"))).ReadJsonAsync();
        var log = Assert.Single(found.GetProperty("logs").EnumerateArray());
        Assert.Equal(logId, log.GetProperty("log_id").GetString());
        Assert.Equal(1, log.GetProperty("head_sequence").GetInt64());

        var missing = await (await Client.GetAsync(LogsHttp.Path("/logs?name=no-such-log"))).ReadJsonAsync();
        Assert.Empty(missing.GetProperty("logs").EnumerateArray());

        using var other = Api.CreateClient();
        (await TestTenant.RegisterAsync(other)).Authorize(other);
        var intruder = await (await other.GetAsync(LogsHttp.Path($"/logs?name={name}"))).ReadJsonAsync();
        Assert.Empty(intruder.GetProperty("logs").EnumerateArray());
    }
}
