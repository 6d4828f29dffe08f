using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Primatomic.Functions.Logs.Waiting;
using Primatomic.Tests.Infrastructure;

namespace Primatomic.Tests.Logs;

public sealed class ReadEventsTests : TenantApiTests
{
    private string _logId = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _logId = await Client.CreateLogAsync();
    }

    [Fact]
    public async Task Pages_follow_after_and_limit_and_next_after()
    {
        var logId = await Client.CreateLogAsync();
        using var batch = await Client.AppendBatchAsync(logId, Enumerable.Range(1, 7).Select(i => new[] { (byte)i }));
        await Client.AppendOkAsync(logId, [8]);

        var first = await GetPageAsync(logId, "after=0&limit=3");
        Assert.Equal([1L, 2L, 3L], Sequences(first));
        Assert.Equal(3, first.GetProperty("next_after").GetInt64());
        var second = await GetPageAsync(logId, "after=3&limit=100");
        Assert.Equal([4L, 5L, 6L, 7L, 8L], Sequences(second));
        Assert.Equal([(byte)4], second.GetProperty("events")[0].GetProperty("data").GetBytesFromBase64());
        Assert.True(second.GetProperty("events")[0].GetProperty("appended_at").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddMinutes(-5));
        var end = await GetPageAsync(logId, "after=8");
        Assert.Empty(Sequences(end));
        Assert.Equal(8, end.GetProperty("next_after").GetInt64());
        Assert.Equal(8, Sequences(await GetPageAsync(logId, "")).Count);
    }

    [Fact]
    public async Task A_page_stops_at_4_MiB_of_payload_but_always_holds_one_event()
    {
        var logId = await Client.CreateLogAsync();
        for (var i = 0; i < 5; i++)
        {
            await Client.AppendOkAsync(logId, new byte[1_048_576]);
        }

        var page = await GetPageAsync(logId, "after=0&limit=1000");
        Assert.Equal([1L, 2L, 3L, 4L], Sequences(page));
        Assert.Equal([5L], Sequences(await GetPageAsync(logId, "after=4&limit=1")));
    }

    [Theory]
    [InlineData("after=-1")]
    [InlineData("after=x")]
    [InlineData("limit=0")]
    [InlineData("limit=1001")]
    [InlineData("limit=ten")]
    [InlineData("wait=31")]
    [InlineData("wait=-1")]
    [InlineData("wait=1.5")]
    [InlineData("after=1%00")]
    [InlineData("limit=5%00%00")]
    [InlineData("wait=1%00")]
    [InlineData("after=%2B1")]
    [InlineData("after=%201")]
    [InlineData("after=1e3")]
    [InlineData("after=%D9%A3")]
    [InlineData("after=1&after=2")]
    [InlineData("after=")]
    [InlineData("after=99999999999999999999")]
    public async Task Invalid_after_limit_or_wait_returns_400(string query)
    {
        using var response = await Client.GetAsync(LogsHttp.Path($"/logs/{_logId}/events?{query}"));
        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
    }

    [Fact]
    public async Task Long_poll_returns_as_soon_as_an_event_arrives()
    {
        var logId = await Client.CreateLogAsync();
        var watch = Stopwatch.StartNew();
        var poll = GetPageAsync(logId, "after=0&wait=20");
        await WaitingAsync(1);
        Assert.False(poll.IsCompleted);
        await Client.AppendOkAsync(logId, [1]);

        var page = await poll;
        Assert.Equal([1L], Sequences(page));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"took {watch.Elapsed}");
    }

    [Fact]
    public async Task Long_poll_sees_a_commit_by_another_instance()
    {
        var logId = await Client.CreateLogAsync();
        var poll = GetPageAsync(logId, "after=0&wait=20");
        await WaitingAsync(1);
        // A second factory over the same storage plays another instance: its commit does not signal this one.
        await using var other = new ApiFactory(Api.Azurite, new Dictionary<string, string?> { ["STORAGE_NAME_PREFIX"] = Api.StoragePrefix });
        using var otherClient = other.CreateClient();
        otherClient.DefaultRequestHeaders.Authorization = Client.DefaultRequestHeaders.Authorization;
        await otherClient.AppendOkAsync(logId, [7]);

        Assert.Equal([1L], Sequences(await poll.WaitAsync(TimeSpan.FromSeconds(10))));
    }

    [Fact]
    public async Task Long_poll_with_nothing_new_answers_empty_after_the_wait()
    {
        var watch = Stopwatch.StartNew();
        var page = await GetPageAsync(_logId, "after=0&wait=1");
        Assert.Empty(Sequences(page));
        Assert.Equal(0, page.GetProperty("next_after").GetInt64());
        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(900), $"took {watch.Elapsed}");
    }

    private async Task<System.Text.Json.JsonElement> GetPageAsync(string logId, string query)
    {
        using var response = await Client.GetAsync(LogsHttp.Path($"/logs/{logId}/events?{query}"));
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.ReadJsonAsync();
    }

    private static List<long> Sequences(System.Text.Json.JsonElement page) =>
        [.. page.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("sequence").GetInt64())];

    /// <summary>Until this instance holds <paramref name="count"/> long-polls: the poll read the log and now waits.</summary>
    private Task WaitingAsync(int count) =>
        LongPollTests.WaitUntilAsync(() => Api.Services.GetRequiredService<HeadWatchers>().OpenWaits == count, TimeSpan.FromSeconds(10));
}
