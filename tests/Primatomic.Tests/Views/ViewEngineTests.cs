using Primatomic.Functions.Views;
using Primatomic.Functions.Views.Runtime;

namespace Primatomic.Tests.Views;

public sealed class ViewEngineTests(ViewEngineFixture fixture) : IClassFixture<ViewEngineFixture>
{
    private readonly ViewEngine _engine = fixture.Engine;

    [Fact]
    public void Counter_counts_events_across_batches_and_answers_count_json()
    {
        using var compiled = _engine.Compile(WatFixtures.Binary("counter"));
        using var view = _engine.Instantiate(compiled);
        view.Apply(Events.Range(1, 3));
        view.Apply(Events.Range(4, 1000));
        Assert.Equal("{\"count\":1003}", Events.QueryText(view));
    }

    [Fact]
    public void Counter_counts_binary_and_empty_payloads()
    {
        using var compiled = _engine.Compile(WatFixtures.Binary("counter"));
        using var view = _engine.Instantiate(compiled);
        var binary = new byte[300];
        new Random(7).NextBytes(binary);
        view.Apply([new ViewEvent(1, binary), new ViewEvent(2, binary), new ViewEvent(3, ReadOnlyMemory<byte>.Empty)]);
        Assert.Equal("{\"count\":3}", Events.QueryText(view));
    }

    [Fact]
    public void Batches_larger_than_the_initial_buffer_are_applied_whole()
    {
        using var compiled = _engine.Compile(WatFixtures.Binary("counter"));
        using var view = _engine.Instantiate(compiled);
        var random = new Random(5);
        var events = Enumerable.Range(1, 2000).Select(i =>
        {
            var payload = new byte[random.Next(0, 1200)];
            random.NextBytes(payload);
            return new ViewEvent((ulong)i, payload);
        }).ToArray();
        view.Apply(events);
        view.Apply(Events.Range(2001, 10, new string('x', 100_000)));
        Assert.Equal("{\"count\":2010}", Events.QueryText(view));
    }

    [Fact]
    public void Snapshot_restored_into_a_fresh_instance_gives_the_same_answers()
    {
        using var compiled = _engine.Compile(WatFixtures.Binary("counter"));
        using var first = _engine.Instantiate(compiled);
        first.Apply(Events.Range(1, 42));
        var state = first.Snapshot();

        using var second = _engine.Instantiate(compiled);
        second.Restore(state);
        Assert.Equal("{\"count\":42}", Events.QueryText(second));
    }

    [Fact]
    public void Restore_that_traps_is_reported_and_kills_the_instance()
    {
        using var compiled = _engine.Compile(WatFixtures.Binary("counter"));
        using var view = _engine.Instantiate(compiled);
        var fault = Assert.Throws<ViewFaultException>(() => view.Restore("not digits"u8));
        Assert.Contains("restore trapped", fault.Message, StringComparison.Ordinal);
        Assert.NotNull(view.DeadReason);
    }

    [Fact]
    public void Serialized_artifact_deserializes_without_recompiling_and_runs()
    {
        var bytes = WatFixtures.Binary("counter");
        byte[] artifact;
        using (var compiled = _engine.Compile(bytes))
        {
            artifact = compiled.Serialize();
        }

        using var loaded = _engine.Deserialize(artifact, ViewEngine.HashOf(bytes));
        using var view = _engine.Instantiate(loaded);
        view.Apply(Events.Range(1, 2));
        Assert.Equal("{\"count\":2}", Events.QueryText(view));
        Assert.Equal(64, loaded.ContentHash.Length);
    }
}
