using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using Primatomic.Functions.Views.Runtime.Direct;
using Primatomic.Functions.Views.Runtime.Native;
using static Primatomic.Functions.Views.Runtime.Native.WasmtimeApi;

namespace Primatomic.Functions.Views.Runtime;

/// <summary>
/// The one Wasmtime engine for views, through Wasmtime's C API: deterministic configuration (fuel metering, NaN
/// canonicalization, no threads, no relaxed SIMD), and compilation of uploaded components composed with the host
/// adapter (<see cref="ViewComposer"/>).
/// </summary>
public sealed class ViewEngine : IDisposable
{
    private const byte CraneliftOptSpeed = 1; // WASMTIME_OPT_LEVEL_SPEED
    private const ulong MemoryGrowthReserve = 1UL << 20;
    private const ulong MemoryGuard = 64UL << 10;
    private static readonly byte[] WasmMagic = [0x00, 0x61, 0x73, 0x6D];

    public ViewEngine(ViewLimits limits)
    {
        Limits = limits;
        var config = wasm_config_new();
        wasmtime_config_wasm_component_model_set(config, true);
        wasmtime_config_consume_fuel_set(config, true);
        wasmtime_config_cranelift_nan_canonicalization_set(config, true);
        wasmtime_config_wasm_threads_set(config, false);
        wasmtime_config_wasm_relaxed_simd_set(config, false);
        wasmtime_config_wasm_relaxed_simd_deterministic_set(config, true);
        wasmtime_config_cranelift_opt_level_set(config, CraneliftOptSpeed);
        // Thousands of views per instance: Wasmtime's default reserves 4 GiB of address space (plus guards) for every
        // linear memory, so 10,000 instances would take 40+ TiB and tens of thousands of mappings. Memories are
        // instead sized to what they hold, with a little room to grow in place, and accesses are bounds-checked.
        wasmtime_config_memory_reservation_set(config, 0);
        wasmtime_config_memory_reservation_for_growth_set(config, MemoryGrowthReserve);
        wasmtime_config_memory_guard_size_set(config, MemoryGuard);
        Handle = new EngineHandle(wasm_engine_new_with_config(config)); // takes ownership of config
    }

    /// <summary>
    /// Identifies everything a compiled artifact depends on: Wasmtime's version, this engine's settings and the host
    /// adapter composed into every view. Artifacts are stored under content hash plus this key.
    /// </summary>
    public static string ConfigurationKey => $"wasmtime-{HeaderVersion}.cfg6.x64-fuel-nancanon-nothreads-dynmem.adapter-{HostAdapter.Version}";

    public ViewLimits Limits { get; }

    internal EngineHandle Handle { get; }

    /// <summary>Validates, composes and compiles an uploaded component; throws <see cref="InvalidViewException"/> saying what is wrong.</summary>
    public CompiledView Compile(ReadOnlySpan<byte> bytes)
    {
        var (component, direct) = CompileComponent(bytes);
        return new CompiledView(this, component, HashOf(bytes), direct);
    }

    /// <summary>
    /// Compiles like <see cref="Compile"/> and returns the artifact <see cref="Deserialize"/> loads, without linking
    /// or instantiating: what the bounded compiler process (Views/Compiling) does.
    /// </summary>
    public byte[] CompileToArtifact(ReadOnlySpan<byte> bytes)
    {
        var (component, direct) = CompileComponent(bytes);
        using (component)
        {
            return CompiledView.Serialize(component, direct);
        }
    }

    /// <summary>Compiles with the nesting composition only, the fallback <see cref="Compile"/> rarely takes (for its tests).</summary>
    internal CompiledView CompileNested(ReadOnlySpan<byte> bytes)
    {
        var (component, direct) = CompileComponent(bytes, spliceable: false);
        return new CompiledView(this, component, HashOf(bytes), direct);
    }

    private (ComponentHandle Component, bool Direct) CompileComponent(ReadOnlySpan<byte> bytes, bool spliceable = true)
    {
        CheckEnvelope(bytes);
        var outline = ComponentOutline.Read(bytes);
        CheckExports(outline);
        FunctionBodies.Check(bytes, Limits.MaxFunctionBodyBytes);
        // Usually: the host's side spliced in after the view's own sections (HostSplice), with the direct append path
        // where the view's append is a plain lift (every toolchain we know of writes it so), else without it.
        string? error = null;
        if (spliceable && ComponentIndexSpaces.Read(bytes) is { } spaces
            && spaces.Exports.TryGetValue(ViewComposer.MachineInterface, out var machine) && machine.Space == Space.Instance)
        {
            if (DirectAppendTarget.Find(bytes, spaces) is { } target
                && TryNew(HostSplice.Splice(bytes, spaces, machine.Index, target, HostAdapter.DirectModule, HostAdapter.Bytes), out var fast, out _))
            {
                return (fast, true);
            }

            if (TryNew(HostSplice.Splice(bytes, spaces, machine.Index, null, HostAdapter.DirectModule, HostAdapter.Bytes), out var spliced, out error))
            {
                return (spliced, false);
            }
        }

        // Else (sections the splice cannot follow): nest the view beside the adapter, which needs its imports first.
        if (!outline.ImportsFirst)
        {
            throw new InvalidViewException(error is null
                ? "The component declares imports after its definitions and uses sections this host cannot splice into; build it with wit-component (wasm-tools, jco, cargo-component)."
                : Incompatible(error));
        }

        if (!TryNew(ViewComposer.Compose(bytes.ToArray(), outline, HostAdapter.Bytes), out var general, out var nestedError))
        {
            throw new InvalidViewException(Incompatible(error ?? nestedError));
        }

        return (general, false);
    }

    /// <summary>Loads an artifact from <see cref="CompiledView.Serialize"/>; trust only artifacts this service wrote.</summary>
    public unsafe CompiledView Deserialize(ReadOnlySpan<byte> artifact, string contentHash)
    {
        if (artifact.Length < 1 || artifact[0] > 1)
        {
            throw new WasmtimeException("The artifact was not written by CompiledView.Serialize.");
        }

        IntPtr component;
        fixed (byte* bytes = artifact[1..])
        {
            WasmtimeException.Check(wasmtime_component_deserialize(Handle.DangerousGetHandle(), bytes, (nuint)artifact.Length - 1, &component));
        }

        return new CompiledView(this, new ComponentHandle(component), contentHash, directAppend: artifact[0] == 1);
    }

    public ViewInstance Instantiate(CompiledView view) => new(this, view);

    public static string HashOf(ReadOnlySpan<byte> componentBytes) => Convert.ToHexStringLower(SHA256.HashData(componentBytes));

    private static string Incompatible(string error) =>
        $"The component does not compile, or its export `{ViewComposer.MachineInterface}` does not match the published WIT "
        + $"(world primatomic:machine/state-machine): {ViewTraps.FirstLines(error)}";

    private unsafe bool TryNew(byte[] composed, [NotNullWhen(true)] out ComponentHandle? handle, out string error)
    {
        IntPtr component, failure;
        fixed (byte* bytes = composed)
        {
            failure = wasmtime_component_new(Handle.DangerousGetHandle(), bytes, (nuint)composed.Length, &component);
        }

        handle = failure == IntPtr.Zero ? new ComponentHandle(component) : null;
        error = failure == IntPtr.Zero ? "" : WasmtimeException.Take(failure);
        return handle is not null;
    }

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
                + "against the published WIT (GET /wit/primatomic-machine.wit).");
        }
    }

    private static void CheckExports(ComponentOutline outline)
    {
        if (outline.Exports.Contains(ViewComposer.MachineInterface))
        {
            return;
        }

        var found = outline.Exports.Count == 0 ? "nothing" : string.Join(", ", outline.Exports.Select(e => $"`{e}`"));
        var retired = outline.Exports.Contains("apply")
            ? " It looks like the retired string-framed world `primatomic:machine/machine` (apply/query/snapshot/restore over strings); rebuild it against the published WIT."
            : "";
        throw new InvalidViewException(
            $"The component must export `{ViewComposer.MachineInterface}` (world primatomic:machine/state-machine, GET /wit/primatomic-machine.wit); it exports {found}.{retired}");
    }

    public void Dispose() => Handle.Dispose();
}
