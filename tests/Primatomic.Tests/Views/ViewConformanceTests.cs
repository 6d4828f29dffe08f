using Primatomic.Functions.Views;
using Primatomic.Functions.Views.Runtime;

namespace Primatomic.Tests.Views;

/// <summary>The published contract, checked inside the engine with the recorder view: exact bytes, order, init once.</summary>
public sealed class ViewConformanceTests(ViewEngineFixture fixture) : IClassFixture<ViewEngineFixture>
{
    [Fact]
    public void Append_receives_every_event_once_in_order_with_its_exact_bytes()
    {
        using var compiled = fixture.Engine.Compile(WatFixtures.Binary("recorder"));
        using var view = fixture.Engine.Instantiate(compiled);
        var payloads = Recording.AwkwardPayloads();
        var events = payloads.Select((payload, i) => new ViewEvent((ulong)i + 1, payload)).ToArray();
        view.Apply(events[..10]);
        view.Apply(events[10..]);

        var recording = Recording.Parse(view.Query([1, 2, 3]));
        Assert.Equal(1, recording.Inits);
        Assert.Equal(payloads.Length, recording.Events.Count);
        for (var i = 0; i < payloads.Length; i++)
        {
            Assert.True(payloads[i].AsSpan().SequenceEqual(recording.Events[i]), $"event {i + 1} ({payloads[i].Length} bytes) arrived changed");
        }
    }

    [Fact]
    public void Query_and_snapshot_return_exact_bytes_and_restore_replaces_the_state_after_one_init()
    {
        using var compiled = fixture.Engine.Compile(WatFixtures.Binary("recorder"));
        using var first = fixture.Engine.Instantiate(compiled);
        var payloads = Recording.AwkwardPayloads();
        first.Apply([.. payloads.Select((payload, i) => new ViewEvent((ulong)i + 1, payload))]);
        var snapshot = first.Snapshot();

        using var second = fixture.Engine.Instantiate(compiled);
        second.Apply([new ViewEvent(1, new byte[] { 9, 9, 9 })]);
        second.Restore(snapshot);
        var recording = Recording.Parse(second.Query([]));
        Assert.Equal(1, recording.Inits);
        Assert.Equal(payloads, recording.Events);
        Assert.Equal(snapshot, second.Snapshot());
    }

    [Fact]
    public void Views_whose_append_is_a_plain_lift_take_the_direct_path()
    {
        using var recorder = fixture.Engine.Compile(WatFixtures.Binary("recorder"));
        using var counter = fixture.Engine.Compile(WatFixtures.Binary("counter"));
        Assert.True(recorder.DirectAppend);
        Assert.True(counter.DirectAppend);
    }

    [Fact]
    public void A_view_whose_imports_follow_its_definitions_deploys_and_runs_on_the_direct_path()
    {
        using var compiled = fixture.Engine.Compile(WatFixtures.Binary("late_imports"));
        Assert.True(compiled.DirectAppend);
        using var view = fixture.Engine.Instantiate(compiled);
        view.Apply(Events.Range(1, 5));
        Assert.Equal("{\"count\":5}", Events.QueryText(view));
    }

    [Fact]
    public void The_nesting_composition_for_components_the_splice_cannot_follow_keeps_the_contract()
    {
        AssertRecordsExactly(fixture.Engine.CompileNested(WatFixtures.Binary("recorder")));
    }

    [Fact]
    public void A_composed_view_whose_append_the_direct_path_cannot_reach_keeps_the_contract_on_the_fused_path()
    {
        AssertRecordsExactly(fixture.Engine.Compile(WatFixtures.Binary("composed_recorder")));
    }

    private void AssertRecordsExactly(CompiledView compiled)
    {
        using var owned = compiled;
        Assert.False(compiled.DirectAppend);
        using var view = fixture.Engine.Instantiate(compiled);
        var payloads = Recording.AwkwardPayloads();
        view.Apply([.. payloads.Select((payload, i) => new ViewEvent((ulong)i + 1, payload))]);
        var recording = Recording.Parse(view.Query([]));
        Assert.Equal(1, recording.Inits);
        Assert.Equal(payloads, recording.Events);
    }
}
