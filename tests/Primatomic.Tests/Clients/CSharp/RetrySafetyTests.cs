using Primatomic.Client;
using Primatomic.Testing;

namespace Primatomic.Tests.Clients.CSharp;

/// <summary>
/// The service handles the write, then the connection drops before its answer reaches the client (a proxy aborts it):
/// the client retries with the Idempotency-Key it made for the call, and the write is stored exactly once.
/// </summary>
[Collection(SharesOneService.Name)]
[Trait("Category", "EndToEnd")]
public sealed class RetrySafetyTests(ClientService service) : IAsyncLifetime
{
    private ResponseDroppingProxy _proxy = null!;

    public async Task InitializeAsync() => _proxy = await ResponseDroppingProxy.StartAsync(service.Service.BaseAddress);

    public async Task DisposeAsync() => await _proxy.DisposeAsync();

    [Fact]
    public async Task A_retried_append_after_a_dropped_connection_is_stored_once()
    {
        using var client = service.KeyClient(options => options.BaseAddress = _proxy.BaseAddress);
        var logId = await client.Logs.CreateAsync(ClientService.UniqueName("dropped"));
        _proxy.DropNextResponse(HttpMethod.Post, "/append");

        var appended = await client.Logs.AppendAsync(logId, "once"u8.ToArray());
        var next = await client.Logs.AppendAsync(logId, "once"u8.ToArray()); // a new call, a new key: a second event

        Assert.Equal(1, _proxy.DroppedCount);
        var stored = (await client.Logs.ReadAsync(logId)).Events;
        Assert.Equal([1L, 2L], stored.Select(e => e.Sequence));
        Assert.Equal((1L, 2L), (appended.Sequence, next.Sequence));
    }

    [Fact]
    public async Task A_retried_batch_after_a_dropped_connection_is_stored_once()
    {
        using var client = service.KeyClient(options => options.BaseAddress = _proxy.BaseAddress);
        var logId = await client.Logs.CreateAsync(ClientService.UniqueName("dropped-batch"));
        _proxy.DropNextResponse(HttpMethod.Post, "/append-batch");

        var batch = await client.Logs.AppendBatchAsync(logId, ["a"u8.ToArray(), "b"u8.ToArray(), "c"u8.ToArray()], expectedSequence: 0);

        Assert.Equal(1, _proxy.DroppedCount);
        Assert.Equal((1L, 3L), (batch.FirstSequence, batch.LastSequence));
        Assert.Equal(3, (await client.Logs.GetAsync(logId)).HeadSequence);
    }

    [Fact]
    public async Task A_retried_create_after_a_dropped_connection_answers_the_log_it_made()
    {
        using var client = service.KeyClient(options => options.BaseAddress = _proxy.BaseAddress);
        var name = ClientService.UniqueName("dropped-create");
        _proxy.DropNextResponse(HttpMethod.Post, "/" + name);

        var logId = await client.Logs.CreateAsync(name);

        Assert.Equal(1, _proxy.DroppedCount);
        Assert.Equal(logId, (await client.Logs.FindAsync(name))?.LogId);
    }

    [Fact]
    public async Task With_retries_off_the_dropped_append_surfaces_its_key_and_a_call_with_that_key_finds_it_stored()
    {
        using var client = service.KeyClient(options => { options.BaseAddress = _proxy.BaseAddress; options.MaxAttempts = 1; });
        var logId = await client.Logs.CreateAsync(ClientService.UniqueName("dropped-manual"));
        _proxy.DropNextResponse(HttpMethod.Post, "/append");

        var lost = await Assert.ThrowsAsync<PrimatomicConnectionException>(() => client.Logs.AppendAsync(logId, "e"u8.ToArray()));
        var recovered = await client.Logs.AppendAsync(logId, "e"u8.ToArray(), idempotencyKey: lost.IdempotencyKey);

        Assert.Equal((0, ErrorCodes.ConnectionFailed, true), (lost.Status, lost.Code, lost.IsTransient));
        Assert.Equal(1, recovered.Sequence);
        Assert.Equal(1, (await client.Logs.GetAsync(logId)).HeadSequence);
    }
}
