using System.Diagnostics;
using System.Text;
using Primatomic.Functions.Views;
using Primatomic.Tests.Infrastructure;
using Primatomic.Tests.Logs;
using Primatomic.Functions.Views.Runtime;
using Xunit.Abstractions;

namespace Primatomic.Tests.Views;

/// <summary>
/// Builds examples/views/counter-js (JavaScript, componentize-js: a SpiderMonkey engine of about 12 MB) with its own
/// script and runs it through the engine: the same answers as the C counter.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class JsCounterExampleTests(JsCounterFixture fixture, ITestOutputHelper output) : IClassFixture<JsCounterFixture>
{
    /// <summary>Every byte value, in one payload and one byte per payload, with empty and large payloads around them.</summary>
    private static ViewEvent[] BinaryEvents(ulong first)
    {
        var everyByte = Enumerable.Range(0, 256).Select(b => (byte)b).ToArray();
        var large = new byte[200_000];
        new Random(11).NextBytes(large);
        ReadOnlyMemory<byte>[] payloads =
        [
            everyByte,
            .. everyByte.Select(b => new[] { b }),
            ReadOnlyMemory<byte>.Empty,
            everyByte.Reverse().ToArray(),
            large,
            Encoding.UTF8.GetBytes("{\"count\":999} zoë \u0000"),
        ];
        return [.. payloads.Select((payload, i) => new ViewEvent(first + (ulong)i, payload))];
    }

    [Fact]
    public void The_engine_compiles_the_JS_counter()
    {
        output.WriteLine($"counter-js/counter.wasm: {fixture.Component.Length:N0} bytes; ViewEngine.Compile took {fixture.CompileTime.TotalSeconds:F2} s "
            + $"({fixture.CompileCpuTime.TotalSeconds:F2} s CPU); "
            + $"DirectAppend={fixture.Compiled.DirectAppend}; memories={fixture.Compiled.Memories}");
        Assert.True(fixture.Component.Length <= new ViewLimits().MaxComponentBytes);
    }

    [Fact]
    public void Counts_batches_with_binary_payloads_and_answers_count_json_whatever_the_query()
    {
        using var view = fixture.Engine.Instantiate(fixture.Compiled);
        Assert.Equal("{\"count\":0}", Events.QueryText(view));
        view.Apply(Events.Range(1, 1));
        Assert.Equal("{\"count\":1}", Events.QueryText(view));

        var binary = BinaryEvents(2);
        view.Apply(binary);
        var count = 1 + binary.Length;
        Assert.Equal($"{{\"count\":{count}}}", Events.QueryText(view));

        view.Apply(Events.Range((ulong)count + 1, 1000));
        count += 1000;
        Assert.Equal($"{{\"count\":{count}}}", Events.QueryText(view));

        // The input does not matter, binary included.
        var expected = $"{{\"count\":{count}}}";
        Assert.Equal(expected, Encoding.UTF8.GetString(view.Query(Enumerable.Range(0, 256).Select(b => (byte)b).ToArray())));
        Assert.Equal(expected, Encoding.UTF8.GetString(view.Query("count?"u8)));
    }

    [Fact]
    public void Snapshot_is_the_count_in_decimal_and_restores_into_a_new_instance()
    {
        using var first = fixture.Engine.Instantiate(fixture.Compiled);
        first.Apply(BinaryEvents(1));
        first.Apply(Events.Range(1000, 40));
        var events = BinaryEvents(1).Length + 40;
        var snapshot = first.Snapshot();
        Assert.Equal(events.ToString(System.Globalization.CultureInfo.InvariantCulture), Encoding.ASCII.GetString(snapshot));

        using var second = fixture.Engine.Instantiate(fixture.Compiled);
        second.Apply(Events.Range(1, 5)); // restore replaces the state, it does not add to it
        second.Restore(snapshot);
        Assert.Equal($"{{\"count\":{events}}}", Events.QueryText(second));
        second.Apply(BinaryEvents(2000));
        Assert.Equal($"{{\"count\":{events + BinaryEvents(0).Length}}}", Events.QueryText(second));
    }

    [Fact]
    public void Restore_takes_a_count_beyond_2_pow_53_exactly()
    {
        using var view = fixture.Engine.Instantiate(fixture.Compiled);
        view.Restore("18446744073709551614"u8);
        view.Apply(Events.Range(1, 1));
        Assert.Equal("{\"count\":18446744073709551615}", Events.QueryText(view));
        Assert.Equal("18446744073709551615", Encoding.ASCII.GetString(view.Snapshot()));
    }

    [Fact]
    public void Restore_of_a_snapshot_that_is_not_a_count_fails()
    {
        using var view = fixture.Engine.Instantiate(fixture.Compiled);
        var fault = Assert.Throws<ViewFaultException>(() => view.Restore("{\"count\":3}"u8));
        output.WriteLine(fault.Message);
    }

    [Fact]
    public async Task Deploys_to_the_running_service_within_the_compile_limits_and_counts_binary_events()
    {
        await using var api = await ApiFactory.CreateAsync();
        using var client = api.CreateClient();
        (await TestTenant.RegisterAsync(client)).Authorize(client);
        var logId = await client.CreateLogAsync();
        await client.DeployOkAsync(logId, "counter-js", fixture.Component); // compiled afresh, in the compiler process
        long last = 0;
        foreach (var payload in new[] { Enumerable.Range(0, 256).Select(b => (byte)b).ToArray(), [0x00], [0xFF, 0xFE], new byte[70_000] })
        {
            last = await client.AppendOkAsync(logId, payload);
        }

        Assert.Equal($"{{\"count\":{last}}}", await client.QueryTextAsync(logId, "counter-js", after: last));
    }
}

/// <summary>The JS counter built and compiled once for the class: compiling its 12 MB engine is the slow part.</summary>
public sealed class JsCounterFixture : IDisposable
{
    public JsCounterFixture()
    {
        Component = ExampleViews.Component("counter-js", "counter");
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var stopwatch = Stopwatch.StartNew();
        Compiled = Engine.Compile(Component);
        CompileTime = stopwatch.Elapsed;
        CompileCpuTime = Process.GetCurrentProcess().TotalProcessorTime - cpu;
    }

    public ViewEngine Engine { get; } = new(new ViewLimits());

    public byte[] Component { get; }

    public CompiledView Compiled { get; }

    public TimeSpan CompileTime { get; }

    /// <summary>CPU time of the whole test process during <see cref="CompileTime"/>: Wasmtime compiles on several threads.</summary>
    public TimeSpan CompileCpuTime { get; }

    public void Dispose()
    {
        Compiled.Dispose();
        Engine.Dispose();
    }
}
