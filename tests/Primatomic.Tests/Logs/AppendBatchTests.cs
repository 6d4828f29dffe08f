using System.Net;
using System.Text;
using Primatomic.Tests.Infrastructure;

namespace Primatomic.Tests.Logs;

public sealed class AppendBatchTests : TenantApiTests
{
    private string _logId = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _logId = await Client.CreateLogAsync();
    }

    [Fact]
    public async Task Batch_appends_consecutive_sequences_and_honours_key_and_expectation()
    {
        var logId = await Client.CreateLogAsync();
        byte[][] events = [[1], [2, 2], new byte[70_000]];
        using var response = await Client.AppendBatchAsync(logId, events, "?expected_sequence=0");
        var body = await response.ReadJsonAsync();
        Assert.True(body.GetProperty("success").GetBoolean());
        Assert.Equal((1L, 3L), (body.GetProperty("first_sequence").GetInt64(), body.GetProperty("last_sequence").GetInt64()));

        using var stale = await Client.AppendBatchAsync(logId, [[4]], "?expected_sequence=0");
        await stale.AssertProblemAsync(HttpStatusCode.Conflict, "SEQUENCE_MISMATCH");
        Assert.Equal(3, (await stale.ReadJsonAsync()).GetProperty("current_sequence").GetInt64());

        for (var i = 0; i < 2; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, LogsHttp.Path($"/logs/{logId}/append-batch"))
            {
                Content = new StringContent("{\"events\":[\"BQ==\",\"Bg==\"]}", Encoding.UTF8, "application/json"),
            };
            request.Headers.Add("Idempotency-Key", "batch-1");
            using var answer = await Client.SendAsync(request);
            var result = await answer.ReadJsonAsync();
            Assert.Equal((4L, 5L), (result.GetProperty("first_sequence").GetInt64(), result.GetProperty("last_sequence").GetInt64()));
        }

        var stored = await Client.ReadAllAsync(logId);
        Assert.Equal([1L, 2L, 3L, 4L, 5L], stored.Select(e => e.Sequence));
        Assert.Equal(events[2], stored[2].Data);
        Assert.Equal([6], stored[4].Data);
    }

    [Fact]
    public async Task Batch_of_100_is_accepted_and_101_returns_400()
    {
        using var ok = await Client.AppendBatchAsync(_logId, Enumerable.Range(0, 100).Select(i => new[] { (byte)i }));
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        using var tooMany = await Client.AppendBatchAsync(_logId, Enumerable.Range(0, 101).Select(i => new[] { (byte)i }));
        await tooMany.AssertProblemAsync(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
    }

    [Theory]
    [InlineData("{\"events\":[\"not base64!\"]}")]
    [InlineData("{\"events\":[]}")]
    [InlineData("{\"events\":[\"\"]}")]
    [InlineData("{\"events\":[null]}")]
    [InlineData("{\"events\":\"AQ==\"}")]
    [InlineData("{}")]
    [InlineData("{\"events\":[\"AQ==\"")]
    [InlineData("not json")]
    public async Task Malformed_batches_return_400_and_append_nothing(string json)
    {
        var logId = await Client.CreateLogAsync();
        using var response = await Client.PostAsync(LogsHttp.Path($"/logs/{logId}/append-batch"),
            new StringContent(json, Encoding.UTF8, "application/json"));
        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.Empty(await Client.ReadAllAsync(logId));
    }

    [Fact]
    public async Task Oversized_event_or_batch_returns_413_and_appends_nothing()
    {
        var logId = await Client.CreateLogAsync();
        using var bigEvent = await Client.AppendBatchAsync(logId, [new byte[1_048_577]]);
        await bigEvent.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge, "PAYLOAD_TOO_LARGE");
        using var bigBatch = await Client.AppendBatchAsync(logId, [new byte[1_048_576], new byte[1_048_576], [1]]);
        await bigBatch.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge, "PAYLOAD_TOO_LARGE");
        Assert.Empty(await Client.ReadAllAsync(logId));

        // Exactly 2 MiB in one batch fits one transaction.
        using var fits = await Client.AppendBatchAsync(logId, [new byte[1_048_576], new byte[1_048_576]]);
        Assert.Equal(HttpStatusCode.OK, fits.StatusCode);
    }
}
