using Primatomic.Functions.Views.Native;
using Wasmtime;
using Wasmtime.Components;

namespace Primatomic.Functions.Views;

/// <summary>
/// The one Wasmtime engine for views: deterministic configuration (NaN canonicalization, no threads, no relaxed
/// SIMD), epoch interruption for per-call time limits, and validation of uploaded components against the WIT.
/// </summary>
public sealed class ViewEngine : IDisposable
{
    /// <summary>How often the epoch advances; a call's deadline is counted in these ticks.</summary>
    public static readonly TimeSpan EpochTick = TimeSpan.FromMilliseconds(10);

    private static readonly byte[] WasmMagic = [0x00, 0x61, 0x73, 0x6D];
    private readonly Thread epochTicker;
    private readonly ManualResetEventSlim stopping = new();

    public ViewEngine(ViewLimits limits)
    {
        Limits = limits;
        using var config = new Config()
            .WithComponentModel(true)
            .WithEpochInterruption(true)
            .WithCraneliftNaNCanonicalization(true)
            .WithWasmThreads(false)
            .WithRelaxedSIMD(false, true)
            .WithOptimizationLevel(OptimizationLevel.Speed);
        Engine = new Engine(config);
        // A dedicated thread, not a timer: deadlines must hold even when the thread pool is starved.
        epochTicker = new Thread(TickEpochs) { IsBackground = true, Name = "view-epoch-ticker" };
        epochTicker.Start();
    }

    /// <summary>
    /// Identifies everything a compiled artifact depends on: Wasmtime's version and this engine's settings.
    /// Artifacts are stored under content hash plus this key; change it whenever the configuration above changes.
    /// </summary>
    public static string ConfigurationKey => "wasmtime-50.0.1.cfg1.x64-epoch-nancanon-nothreads";

    public ViewLimits Limits { get; }

    internal Engine Engine { get; }

    /// <summary>Validates and compiles an uploaded component; throws <see cref="InvalidViewException"/> saying what is wrong.</summary>
    public CompiledView Compile(ReadOnlySpan<byte> bytes)
    {
        CheckEnvelope(bytes);
        Component component;
        try
        {
            component = Component.FromBytes(Engine, bytes);
        }
        catch (WasmtimeException ex)
        {
            throw new InvalidViewException($"The component does not compile: {FirstLines(ex.Message)}");
        }

        return Checked(component, CompiledView.HashOf(bytes));
    }

    /// <summary>Loads an artifact from <see cref="CompiledView.Serialize"/>; trust only artifacts this service wrote.</summary>
    public CompiledView Deserialize(ReadOnlySpan<byte> artifact, string contentHash) =>
        Checked(Component.Deserialize(Engine, artifact), contentHash);

    public ViewInstance Instantiate(CompiledView view) => new(this, view);

    private void CheckEnvelope(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length > Limits.MaxComponentBytes)
        {
            throw new InvalidViewException($"The component is {bytes.Length} bytes; the limit is {Limits.MaxComponentBytes}.");
        }

        if (bytes.Length < 8 || !bytes[..4].SequenceEqual(WasmMagic))
        {
            throw new InvalidViewException("The body is not a WebAssembly binary (it does not start with \\0asm).");
        }

        // Bytes 4..7: version 1 + layer 0 is a core module; layer 1 is a component.
        if (bytes[6] == 0 && bytes[7] == 0)
        {
            throw new InvalidViewException(
                "The body is a core WebAssembly module, not a component. Wrap it with `jco new` (or `wasm-tools component new`) "
                + "against wit/machine.wit.");
        }
    }

    private CompiledView Checked(Component component, string contentHash)
    {
        try
        {
            var shape = ComponentSignatures.Describe(Engine, component);
            var problems = ExportProblems(shape);
            if (problems.Count > 0)
            {
                throw new InvalidViewException("The component's exports do not match world primatomic:machine/machine: " + string.Join("; ", problems) + ".");
            }

            return new CompiledView(component, contentHash, shape.Imports);
        }
        catch
        {
            component.Dispose();
            throw;
        }
    }

    private static List<string> ExportProblems(ComponentShape shape)
    {
        var problems = new List<string>();
        foreach (var (name, expected) in WitContract.Exports)
        {
            if (!shape.Exports.TryGetValue(name, out var actual))
            {
                problems.Add($"missing export `{name}: {expected}`");
            }
            else if (actual != expected)
            {
                problems.Add($"export `{name}` is `{actual}`, expected `{expected}`");
            }
        }

        problems.AddRange(shape.Exports.Keys.Where(name => !WitContract.Exports.ContainsKey(name)).Select(name => $"unexpected export `{name}`"));
        return problems;
    }

    private static string FirstLines(string message) => string.Join(" ", message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Take(4));

    private void TickEpochs()
    {
        // Counts ticks from the clock, not from wake-ups: on a loaded machine sleeps overrun, and a deadline
        // of N ticks must still mean N * EpochTick of wall-clock time.
        var clock = System.Diagnostics.Stopwatch.StartNew();
        long ticked = 0;
        while (!stopping.Wait(EpochTick))
        {
            for (var due = clock.Elapsed / EpochTick; ticked < due; ticked++)
            {
                Engine.IncrementEpoch();
            }
        }
    }

    public void Dispose()
    {
        stopping.Set();
        epochTicker.Join();
        stopping.Dispose();
        Engine.Dispose();
    }
}
