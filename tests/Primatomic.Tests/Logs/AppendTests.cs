using System.Net;
using System.Security.Cryptography;
using Primatomic.Tests.Infrastructure;

namespace Primatomic.Tests.Logs;

public sealed class AppendTests : TenantApiTests
{
    private string _logId = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _logId = await Client.CreateLogAsync();
    }

    [Theory]
    [InlineData("?expected_sequence=0%00")]
    [InlineData("?expected_sequence=%2B0")]
    [InlineData("?expected_sequence=0&expected_sequence=0")]
    public async Task Expected_sequence_that_is_not_plain_digits_returns_400_and_appends_nothing(string query)
    {
        var logId = await Client.CreateLogAsync();
        using var response = await Client.AppendAsync(logId, [1], query: query);
        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.Empty(await Client.ReadAllAsync(logId));
    }

    [Fact]
    public async Task Appended_events_read_back_as_the_exact_bytes_including_a_full_1_MiB_event()
    {
        var logId = await Client.CreateLogAsync();
        byte[][] payloads = [[0], RandomNumberGenerator.GetBytes(65_537), RandomNumberGenerator.GetBytes(1_048_576), [255, 0, 1]];
        var sequences = new List<long>();
        foreach (var payload in payloads)
        {
            sequences.Add(await Client.AppendOkAsync(logId, payload));
        }

        Assert.Equal([1L, 2L, 3L, 4L], sequences);
        var stored = await Client.ReadAllAsync(logId);
        Assert.Equal(sequences, stored.Select(e => e.Sequence));
        for (var i = 0; i < payloads.Length; i++)
        {
            Assert.Equal(payloads[i], stored[i].Data);
        }
    }

    [Fact]
    public async Task Body_over_1_MiB_returns_413_and_leaves_nothing()
    {
        using var declared = await Client.AppendAsync(_logId, new byte[1_048_577]);
        await declared.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge, "PAYLOAD_TOO_LARGE");

        using var request = new HttpRequestMessage(HttpMethod.Post, LogsHttp.Path($"/logs/{_logId}/append"))
        {
            Content = new ChunkedContent(new byte[1_048_577]),
        };
        using var chunked = await Client.SendAsync(request);
        await chunked.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge, "PAYLOAD_TOO_LARGE");
        Assert.Empty(await Client.ReadAllAsync(_logId));
    }

    [Fact]
    public async Task Empty_body_returns_400()
    {
        using var response = await Client.AppendAsync(_logId, []);
        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
    }

    [Fact]
    public async Task Expected_sequence_appends_when_it_matches_and_409_with_current_sequence_when_stale()
    {
        var logId = await Client.CreateLogAsync();
        using var first = await Client.AppendAsync(logId, [1], query: "?expected_sequence=0");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        using var second = await Client.AppendAsync(logId, [2], query: "?expected_sequence=1");
        Assert.Equal(2, (await second.ReadJsonAsync()).GetProperty("sequence").GetInt64());

        using var stale = await Client.AppendAsync(logId, [3], query: "?expected_sequence=1");
        await stale.AssertProblemAsync(HttpStatusCode.Conflict, "SEQUENCE_MISMATCH");
        Assert.Equal(2, (await stale.ReadJsonAsync()).GetProperty("current_sequence").GetInt64());
        Assert.Equal(2, (await Client.ReadAllAsync(logId)).Count);
    }

    [Theory]
    [InlineData("?expected_sequence=-1")]
    [InlineData("?expected_sequence=abc")]
    [InlineData("?expected_sequence=")]
    [InlineData("?expected_sequence=1&expected_sequence=2")]
    public async Task Invalid_expected_sequence_returns_400(string query)
    {
        using var response = await Client.AppendAsync(_logId, [1], query: query);
        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
    }

    [Fact]
    public async Task Idempotency_key_replay_answers_the_original_sequence_and_stores_one_copy()
    {
        var logId = await Client.CreateLogAsync();
        await Client.AppendOkAsync(logId, [9]);
        var original = await Client.AppendOkAsync(logId, [1, 2, 3], "order-17");
        var replays = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Client.AppendOkAsync(logId, [1, 2, 3], "order-17")));

        Assert.Equal(2, original);
        Assert.All(replays, r => Assert.Equal(original, r));
        Assert.Equal(2, (await Client.ReadAllAsync(logId)).Count);
    }

    [Fact]
    public async Task Idempotency_key_reused_with_another_body_returns_422()
    {
        await Client.AppendOkAsync(_logId, [1], "reused-key");
        using var response = await Client.AppendAsync(_logId, [2], "reused-key");
        await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "IDEMPOTENCY_KEY_REUSED");
    }

    [Theory]
    [InlineData("tab\there")]
    [InlineData("é")]
    public async Task Invalid_idempotency_key_returns_400(string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, LogsHttp.Path($"/logs/{_logId}/append")) { Content = new ByteArrayContent([1]) };
        request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
        using var response = await Client.SendAsync(request);
        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
    }

    [Fact]
    public async Task Idempotency_key_longer_than_200_characters_returns_400()
    {
        using var response = await Client.AppendAsync(_logId, [1], new string('k', 201));
        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
    }

    /// <summary>A body without Content-Length, sent chunked.</summary>
    private sealed class ChunkedContent(byte[] data) : HttpContent
    {
        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => stream.WriteAsync(data).AsTask();

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
