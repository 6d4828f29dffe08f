using System.Text;
using Primatomic.Client;

namespace Primatomic.Tests.Clients.CSharp;

/// <summary>Every logs method of the C# client round-trips against the real service, and its failures arrive typed.</summary>
[Collection(SharesOneService.Name)]
[Trait("Category", "EndToEnd")]
public sealed class LogsClientTests(ClientService service)
{
    [Fact]
    public async Task Create_get_find_and_list_round_trip()
    {
        using var client = service.KeyClient();
        var name = ClientService.UniqueName("orders");
        var logId = await client.Logs.CreateAsync(name);

        var log = await client.Logs.GetAsync(logId);
        Assert.Equal((logId, name, 0L), (log.LogId, log.Name, log.HeadSequence));
        Assert.Equal(logId, (await client.Logs.FindAsync(name))?.LogId);
        Assert.Null(await client.Logs.FindAsync(ClientService.UniqueName("absent")));

        var firstPage = await client.Logs.ListAsync(limit: 1);
        Assert.Single(firstPage.Logs);
        var all = new List<LogInfo>();
        await foreach (var each in client.Logs.ListAllAsync())
        {
            all.Add(each);
        }

        Assert.Contains(all, each => each.LogId == logId);
    }

    [Fact]
    public async Task Appends_batches_and_reads_round_trip_with_expected_sequence()
    {
        using var client = service.KeyClient();
        var logId = await client.Logs.CreateAsync(ClientService.UniqueName("appends"));

        var first = await client.Logs.AppendAsync(logId, "one"u8.ToArray(), expectedSequence: 0);
        var batch = await client.Logs.AppendBatchAsync(logId, ["two"u8.ToArray(), "three"u8.ToArray()], expectedSequence: 1);
        var keyed = await client.Logs.AppendAsync(logId, "four"u8.ToArray(), idempotencyKey: "caller-key-4");
        var again = await client.Logs.AppendAsync(logId, "four"u8.ToArray(), idempotencyKey: "caller-key-4");

        Assert.Equal(1, first.Sequence);
        Assert.Equal((2L, 3L), (batch.FirstSequence, batch.LastSequence));
        Assert.Equal(4, keyed.Sequence);
        Assert.Equal(keyed, again); // the caller's own key: the second call is the same append

        var page = await client.Logs.ReadAsync(logId, after: 1, limit: 2);
        Assert.Equal(["two", "three"], page.Events.Select(e => Encoding.UTF8.GetString(e.Data)));
        Assert.Equal(3, page.NextAfter);
        var rest = await client.Logs.ReadAsync(logId, after: page.NextAfter, wait: TimeSpan.FromSeconds(1));
        Assert.Equal([4L], rest.Events.Select(e => e.Sequence));
        Assert.Equal(4, (await client.Logs.GetAsync(logId)).HeadSequence);
    }

    [Fact]
    public async Task A_stale_expected_sequence_throws_SequenceMismatchException_with_the_head()
    {
        using var client = service.KeyClient();
        var logId = await client.Logs.CreateAsync(ClientService.UniqueName("stale"));
        await client.Logs.AppendAsync(logId, "a"u8.ToArray());

        var mismatch = await Assert.ThrowsAsync<SequenceMismatchException>(() => client.Logs.AppendAsync(logId, "b"u8.ToArray(), expectedSequence: 0));

        Assert.Equal((409, ErrorCodes.SequenceMismatch, 1L), (mismatch.Status, mismatch.Code, mismatch.CurrentSequence));
        Assert.NotNull(mismatch.IdempotencyKey);
        Assert.False(mismatch.IsTransient);
    }

    [Fact]
    public async Task Problem_responses_become_typed_exceptions_carrying_their_code()
    {
        using var client = service.KeyClient();
        var name = ClientService.UniqueName("typed");
        var logId = await client.Logs.CreateAsync(name);
        await client.Logs.AppendAsync(logId, "x"u8.ToArray(), idempotencyKey: "reused");

        var missing = await Assert.ThrowsAsync<PrimatomicNotFoundException>(() => client.Logs.GetAsync(Guid.NewGuid().ToString()));
        var taken = await Assert.ThrowsAsync<PrimatomicConflictException>(() => client.Logs.CreateAsync(name));
        var invalid = await Assert.ThrowsAsync<PrimatomicValidationException>(() => client.Logs.CreateAsync("not a valid name!"));
        var reused = await Assert.ThrowsAsync<PrimatomicException>(() => client.Logs.AppendAsync(logId, "y"u8.ToArray(), idempotencyKey: "reused"));
        using var stranger = service.Client(options => options.ApiKey = "pk_nobody_nothing_secret");
        var unknownKey = await Assert.ThrowsAsync<PrimatomicAuthenticationException>(() => stranger.Logs.GetAsync(logId));

        Assert.Equal((404, ErrorCodes.NotFound), (missing.Status, missing.Code));
        Assert.Equal((409, ErrorCodes.Conflict), (taken.Status, taken.Code));
        Assert.Equal((400, ErrorCodes.ValidationError), (invalid.Status, invalid.Code));
        Assert.Equal((422, ErrorCodes.IdempotencyKeyReused, "reused"), (reused.Status, reused.Code, reused.IdempotencyKey));
        Assert.Equal((401, ErrorCodes.Unauthenticated), (unknownKey.Status, unknownKey.Code));
        Assert.NotNull(missing.Detail);
        Assert.StartsWith("/logs/", missing.Problem!.Instance, StringComparison.Ordinal);
    }
}
