using Primatomic.Functions.Views.Runtime.Native;
using static Primatomic.Functions.Views.Runtime.Native.WasmtimeApi;

namespace Primatomic.Functions.Views.Runtime;

/// <summary>
/// A validated, compiled view (composed with the host adapter) and its linker. Instantiate it as often as needed,
/// from any thread. Every view deployed with the same bytes shares one (<see cref="CompiledViews"/>): each user takes
/// a reference with <see cref="TryShare"/> and gives it back with <see cref="Dispose"/>; the last one frees it.
/// </summary>
public sealed class CompiledView : IDisposable
{
    private int _references = 1;

    internal unsafe CompiledView(ViewEngine engine, ComponentHandle component, string contentHash, bool directAppend)
    {
        Component = component;
        ContentHash = contentHash;
        DirectAppend = directAppend;
        Linker = new LinkerHandle(wasmtime_component_linker_new(engine.Handle.DangerousGetHandle()));
        try
        {
            ViewMeter.Define(Linker);
            // Views must be deterministic: no import is provided, but a toolchain that links WASI still loads and
            // fails only if it really calls one.
            WasmtimeException.Check(wasmtime_component_linker_define_unknown_imports_as_traps(Linker.DangerousGetHandle(), Component.DangerousGetHandle()));
            Memories = MemoryCount.Probe(engine, this);
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    internal ComponentHandle Component { get; }

    internal LinkerHandle Linker { get; }

    /// <summary>Lower-case hex SHA-256 of the component binary as uploaded.</summary>
    public string ContentHash { get; }

    /// <summary>Linear memories the view defines (the host's own not counted).</summary>
    public int Memories { get; }

    /// <summary>Whether events reach the view's append through the direct path (Direct/DirectAppendSplice.cs).</summary>
    public bool DirectAppend { get; }

    /// <summary>Linear memories of the host's: the adapter's, and the direct path's.</summary>
    internal int HostMemories => DirectAppend ? 2 : 1;

    /// <summary>
    /// The compiled artifact, loadable only by an engine with the same <see cref="ViewEngine.ConfigurationKey"/>:
    /// one byte saying whether it has the direct path, then Wasmtime's serialized component.
    /// </summary>
    public byte[] Serialize() => Serialize(Component, DirectAppend);

    internal static unsafe byte[] Serialize(ComponentHandle component, bool directAppend)
    {
        ByteVec artifact;
        WasmtimeException.Check(wasmtime_component_serialize(component.DangerousGetHandle(), &artifact));
        try
        {
            return [directAppend ? (byte)1 : (byte)0, .. artifact.Span];
        }
        finally
        {
            wasm_byte_vec_delete(&artifact);
        }
    }

    /// <summary>Takes another reference; false when the last one was already given back (the view is freed).</summary>
    public bool TryShare()
    {
        int seen;
        do
        {
            seen = Volatile.Read(ref _references);
            if (seen == 0)
            {
                return false;
            }
        }
        while (Interlocked.CompareExchange(ref _references, seen + 1, seen) != seen);
        return true;
    }

    /// <summary>True when nobody but the holder of one reference uses it.</summary>
    internal bool IsUnshared => Volatile.Read(ref _references) == 1;

    /// <summary>Gives back one reference; the last frees the compiled code.</summary>
    public void Dispose()
    {
        if (Interlocked.Decrement(ref _references) == 0)
        {
            Linker.Dispose();
            Component.Dispose();
        }
    }
}
