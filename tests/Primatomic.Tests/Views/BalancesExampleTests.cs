using System.Text;
using Primatomic.Functions.Views;
using Primatomic.Functions.Views.Runtime;

namespace Primatomic.Tests.Views;

/// <summary>The realistic example: a C view that parses JSON events and answers keyed queries.</summary>
public sealed class BalancesExampleTests(ViewEngineFixture fixture) : IClassFixture<ViewEngineFixture>
{
    private static ViewEvent Event(ulong sequence, string json) => new(sequence, Encoding.UTF8.GetBytes(json));

    private static readonly ViewEvent[] History =
    [
        Event(1, "{\"account\":\"alice\",\"amount\":100}"),
        Event(2, "{\"amount\": -30, \"account\": \"alice\"}"),
        Event(3, "{\"account\":\"bob\",\"amount\":7}"),
        Event(4, "not json at all"),
        new(5, new byte[] { 0xFF, 0x00, 0x80 }),
        Event(6, "{\"account\":\"zoë\",\"amount\":-5}"),
    ];

    [Fact]
    public void Balances_are_kept_per_account_from_json_events_and_malformed_events_are_ignored()
    {
        using var compiled = fixture.Engine.Compile(ExampleViews.Component("balances"));
        using var view = fixture.Engine.Instantiate(compiled);
        view.Apply(History);
        Assert.Equal("{\"account\":\"alice\",\"balance\":70,\"events\":2}", Query(view, "alice"));
        Assert.Equal("{\"account\":\"bob\",\"balance\":7,\"events\":1}", Query(view, "bob"));
        Assert.Equal("{\"account\":\"zoë\",\"balance\":-5,\"events\":1}", Query(view, "zoë"));
        Assert.Equal("{\"account\":\"carol\",\"balance\":0,\"events\":0}", Query(view, "carol"));
    }

    [Fact]
    public void Snapshot_restores_every_account_into_a_new_instance()
    {
        using var compiled = fixture.Engine.Compile(ExampleViews.Component("balances"));
        using var first = fixture.Engine.Instantiate(compiled);
        first.Apply(History);
        using var second = fixture.Engine.Instantiate(compiled);
        second.Restore(first.Snapshot());
        second.Apply([Event(7, "{\"account\":\"alice\",\"amount\":1}")]);
        Assert.Equal("{\"account\":\"alice\",\"balance\":71,\"events\":3}", Query(second, "alice"));
        Assert.Equal("{\"account\":\"zoë\",\"balance\":-5,\"events\":1}", Query(second, "zoë"));
    }

    [Fact]
    public void An_empty_query_is_answered_with_an_error_object_without_failing_the_view()
    {
        using var compiled = fixture.Engine.Compile(ExampleViews.Component("balances"));
        using var view = fixture.Engine.Instantiate(compiled);
        Assert.StartsWith("{\"error\":", Encoding.UTF8.GetString(view.Query([])), StringComparison.Ordinal);
        Assert.Equal("{\"account\":\"bob\",\"balance\":0,\"events\":0}", Query(view, "bob"));
    }

    private static string Query(ViewInstance view, string account) => Encoding.UTF8.GetString(view.Query(Encoding.UTF8.GetBytes(account)));
}
