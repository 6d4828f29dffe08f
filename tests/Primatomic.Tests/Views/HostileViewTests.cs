using System.Diagnostics;
using Primatomic.Functions.Views;

namespace Primatomic.Tests.Views;

/// <summary>Each hostile fixture fails with a clear message, and the engine keeps serving other views.</summary>
public sealed class HostileViewTests(ViewEngineFixture fixture) : IClassFixture<ViewEngineFixture>
{
    private readonly ViewEngine _engine = fixture.Engine;

    [Fact]
    public void Infinite_loop_in_apply_fails_within_about_a_second()
    {
        using var compiled = _engine.Compile(WatFixtures.Binary("infinite_loop"));
        using var view = _engine.Instantiate(compiled);
        var watch = Stopwatch.StartNew();
        var fault = Assert.Throws<ViewFaultException>(() => view.Apply(Events.Range(1, 3)));
        Assert.InRange(watch.Elapsed, TimeSpan.FromMilliseconds(900), TimeSpan.FromSeconds(2));
        Assert.Contains("time limit of 1000 ms", fault.Message, StringComparison.Ordinal);
        Assert.Equal(1UL, fault.Sequence);
        AssertEngineStillWorks();
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
        Assert.Contains($"limit is {_engine.Limits.MaxQueryOutputBytes}", fault.Message, StringComparison.Ordinal);
        AssertEngineStillWorks();
    }

    [Fact]
    public void Call_to_an_import_loads_but_fails_the_view_when_called()
    {
        using var compiled = _engine.Compile(WatFixtures.Binary("calls_import"));
        Assert.Contains("wall-clock-now", compiled.Imports);
        using var view = _engine.Instantiate(compiled);
        var fault = Assert.Throws<ViewFaultException>(() => view.Apply(Events.Range(1, 1)));
        Assert.Contains("import", fault.Message, StringComparison.Ordinal);
        Assert.Equal(1UL, fault.Sequence);
        AssertEngineStillWorks();
    }

    [Fact]
    public void Wrong_export_signature_is_rejected_showing_both_signatures()
    {
        var error = Assert.Throws<InvalidViewException>(() => _engine.Compile(WatFixtures.Binary("wrong_signature")));
        Assert.Contains("export `apply` is `func(batch: list<u8>) -> result<_, string>`", error.Message, StringComparison.Ordinal);
        Assert.Contains("expected `func(batch: string) -> result<_, string>`", error.Message, StringComparison.Ordinal);
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
        Assert.StartsWith("The component does not compile:", error.Message, StringComparison.Ordinal);
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
