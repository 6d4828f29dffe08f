using Primatomic.Functions.Views;
using Primatomic.Functions.Views.Runtime;

namespace Primatomic.Tests.Views;

/// <summary>Builds examples/views/counter from C source with its own script and runs it through the engine.</summary>
public sealed class CounterExampleTests(ViewEngineFixture fixture) : IClassFixture<ViewEngineFixture>
{
    [Fact]
    public void Counter_built_from_C_validates_counts_and_answers_count_json()
    {
        using var compiled = fixture.Engine.Compile(ExampleViews.Component("counter"));
        using var view = fixture.Engine.Instantiate(compiled);
        view.Apply(Events.Range(1, 1));
        Assert.Equal("{\"count\":1}", Events.QueryText(view));
        view.Apply(Events.Range(2, 1000));
        Assert.Equal("{\"count\":1001}", Events.QueryText(view));
    }

    [Fact]
    public void Counter_snapshot_restores_into_a_new_instance()
    {
        using var compiled = fixture.Engine.Compile(ExampleViews.Component("counter"));
        using var first = fixture.Engine.Instantiate(compiled);
        first.Apply(Events.Range(1, 77));
        using var second = fixture.Engine.Instantiate(compiled);
        second.Restore(first.Snapshot());
        second.Apply(Events.Range(78, 3));
        Assert.Equal("{\"count\":80}", Events.QueryText(second));
    }
}
