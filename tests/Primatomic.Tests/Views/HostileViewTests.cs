using Primatomic.Functions.Views;
using Primatomic.Functions.Views.Runtime;

namespace Primatomic.Tests.Views;

/// <summary>Each hostile fixture fails with a clear message, and the engine keeps serving other views.</summary>
public sealed class HostileViewTests(ViewEngineFixture fixture) : IClassFixture<ViewEngineFixture>
{
    private readonly ViewEngine _engine = fixture.Engine;

    [Fact]
    public void Infinite_loop_in_append_exhausts_the_per_event_budget_at_the_first_event()
    {
        var fault = ApplyFails("infinite_loop", 1);
        Assert.Contains($"append exceeded its work budget of {_engine.Limits.FuelPerEvent:N0} fuel units", fault.Message, StringComparison.Ordinal);
        AssertEngineStillWorks();
    }

    [Fact]
    public void Slow_events_within_the_per_event_budget_are_applied_in_a_large_batch()
    {
        using var compiled = _engine.Compile(WatFixtures.Binary("slow_events"));
        using var view = _engine.Instantiate(compiled);
        // 200 events of about 4 million instructions each: far over one event's budget together, each within it.
        view.Apply(Events.Range(1, 200));
        Assert.Equal("{\"count\":200}", Events.QueryText(view));
    }

    [Fact]
    public void Query_that_never_returns_fails_that_query_only_and_not_the_view()
    {
        using var compiled = _engine.Compile(WatFixtures.Binary("query_loop"));
        using var view = _engine.Instantiate(compiled);
        view.Apply(Events.Range(1, 3));
        var fault = Assert.Throws<ViewFaultException>(() => view.Query([]));
        Assert.False(fault.IsFatal);
        Assert.Contains("query exceeded its work budget", fault.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void All_memories_of_a_view_share_one_budget()
    {
        using var small = new ViewEngine(new ViewLimits { MaxMemoryBytes = 64L * 1024 * 1024, MaxMemories = 8 });
        using var compiled = small.Compile(WatFixtures.Binary("many_memories"));
        Assert.Equal(5, compiled.Memories);
        using var view = small.Instantiate(compiled);
        view.Apply(Events.Range(1, 1));
        var pages = long.Parse(System.Text.Encoding.ASCII.GetString(view.Snapshot()), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(pages * 65536, 32L * 1024 * 1024, 64L * 1024 * 1024);
    }

    [Fact]
    public void Memory_declared_beyond_the_budget_is_refused_when_compiled()
    {
        var error = Assert.Throws<InvalidViewException>(() => _engine.Compile(WatFixtures.Binary("huge_memory")));
        Assert.Contains("does not instantiate", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Start_function_that_loops_is_refused_when_compiled()
    {
        var error = Assert.Throws<InvalidViewException>(() => _engine.Compile(WatFixtures.Binary("looping_start")));
        Assert.Contains("exceeded its work budget", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Memory_growth_past_the_limit_traps_and_names_the_limit()
    {
        var fault = ApplyFails("memory_growth", 1);
        Assert.Contains("256 MiB", fault.Message, StringComparison.Ordinal);
        AssertEngineStillWorks();
    }

    [Fact]
    public void Deep_recursion_reports_a_stack_overflow()
    {
        var fault = ApplyFails("deep_recursion", 1);
        Assert.Contains("stack", fault.Message, StringComparison.Ordinal);
        AssertEngineStillWorks();
    }

    [Fact]
    public void Trap_at_event_5_fails_at_5_after_applying_1_to_4()
    {
        using var compiled = _engine.Compile(WatFixtures.Binary("trap_at_5"));
        using var view = _engine.Instantiate(compiled);
        // One event per call pins the failing sequence exactly; batching processors fall back to this.
        ulong sequence = 1;
        var fault = Assert.Throws<ViewFaultException>(() =>
        {
            for (; sequence <= 10; sequence++)
            {
                view.Apply(Events.Range(sequence, 1));
            }
        });
        Assert.Equal(5UL, fault.Sequence);
        Assert.Contains("unreachable", fault.Message, StringComparison.OrdinalIgnoreCase);
        var again = Assert.Throws<ViewFaultException>(() => view.Query([]));
        Assert.Contains("failed earlier", again.Message, StringComparison.Ordinal);
        AssertEngineStillWorks();
    }

    [Fact]
    public void Huge_query_output_is_refused_with_the_cap()
    {
        using var compiled = _engine.Compile(WatFixtures.Binary("huge_query"));
        using var view = _engine.Instantiate(compiled);
        var fault = Assert.Throws<ViewFaultException>(() => view.Query([]));
        Assert.False(fault.IsFatal);
        Assert.Contains($"query returned more than {_engine.Limits.MaxQueryOutputBytes:N0} bytes", fault.Message, StringComparison.Ordinal);
        AssertEngineStillWorks();
    }

    [Fact]
    public void Call_to_an_import_loads_but_fails_the_view_when_called()
    {
        using var compiled = _engine.Compile(WatFixtures.Binary("calls_import"));
        using var view = _engine.Instantiate(compiled);
        var fault = Assert.Throws<ViewFaultException>(() => view.Apply(Events.Range(1, 1)));
        Assert.Contains("import", fault.Message, StringComparison.Ordinal);
        Assert.Equal(1UL, fault.Sequence);
        AssertEngineStillWorks();
    }

    [Fact]
    public void Wrong_export_signature_is_rejected_naming_the_published_wit()
    {
        var error = Assert.Throws<InvalidViewException>(() => _engine.Compile(WatFixtures.Binary("wrong_signature")));
        Assert.Contains("does not match the published WIT", error.Message, StringComparison.Ordinal);
        Assert.Contains("append", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Retired_string_world_is_rejected_saying_which_world_is_expected()
    {
        var error = Assert.Throws<InvalidViewException>(() => _engine.Compile(WatFixtures.Binary("retired_world")));
        Assert.Contains("must export `primatomic:machine/machine@0.0.1`", error.Message, StringComparison.Ordinal);
        Assert.Contains("retired", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Core_module_is_rejected_as_not_a_component()
    {
        var error = Assert.Throws<InvalidViewException>(() => _engine.Compile(WatFixtures.Binary("core_module")));
        Assert.Contains("core WebAssembly module, not a component", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Random_bytes_are_rejected_as_not_WebAssembly()
    {
        var bytes = new byte[4096];
        new Random(3).NextBytes(bytes);
        var error = Assert.Throws<InvalidViewException>(() => _engine.Compile(bytes));
        Assert.Contains("not a WebAssembly binary", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Truncated_component_is_rejected_as_not_compiling()
    {
        var bytes = WatFixtures.Binary("counter");
        var error = Assert.Throws<InvalidViewException>(() => _engine.Compile(bytes.AsSpan(0, bytes.Length / 2)));
        Assert.StartsWith("The component", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Oversized_component_is_rejected_with_the_limit()
    {
        using var small = new ViewEngine(new ViewLimits { MaxComponentBytes = 100 });
        var error = Assert.Throws<InvalidViewException>(() => small.Compile(WatFixtures.Binary("counter")));
        Assert.Contains("the limit is 100", error.Message, StringComparison.Ordinal);
    }

    private ViewFaultException ApplyFails(string fixtureName, ulong sequence)
    {
        using var compiled = _engine.Compile(WatFixtures.Binary(fixtureName));
        using var view = _engine.Instantiate(compiled);
        var fault = Assert.Throws<ViewFaultException>(() => view.Apply(Events.Range(sequence, 3)));
        Assert.Equal(sequence, fault.Sequence);
        return fault;
    }

    private void AssertEngineStillWorks()
    {
        using var compiled = _engine.Compile(WatFixtures.Binary("counter"));
        using var view = _engine.Instantiate(compiled);
        view.Apply(Events.Range(1, 5));
        Assert.Equal("{\"count\":5}", Events.QueryText(view));
    }
}
