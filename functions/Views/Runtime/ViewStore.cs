using System.Runtime.InteropServices;
using Primatomic.Functions.Views.Runtime.Native;
using static Primatomic.Functions.Views.Runtime.Native.WasmtimeApi;

namespace Primatomic.Functions.Views.Runtime;

/// <summary>
/// One Wasmtime store for one view instance: its memory and table limits, its fuel, and its <see cref="ViewMeter"/>
/// (the store's data, so the meter callback finds it).
/// </summary>
internal sealed unsafe class ViewStore : IDisposable
{
    private readonly StoreHandle store;
    private GCHandle meterHandle;

    /// <param name="memories">Linear memories the view defines: <see cref="ViewLimits.MaxMemoryBytes"/> is split between them.</param>
    /// <param name="hostMemories">The host's own memories in the composed component, under the same per-memory cap.</param>
    public ViewStore(ViewEngine engine, int memories, int hostMemories)
    {
        var limits = engine.Limits;
        Meter = new ViewMeter();
        meterHandle = GCHandle.Alloc(Meter);
        store = new StoreHandle(wasmtime_store_new(engine.Handle.DangerousGetHandle(), GCHandle.ToIntPtr(meterHandle), IntPtr.Zero));
        Context = wasmtime_store_context(store.DangerousGetHandle());
        // Wasmtime limits each memory on its own, so the budget is split; the host's memories are a few more.
        wasmtime_store_limiter(store.DangerousGetHandle(), limits.MaxMemoryBytes / memories, limits.MaxTableElements,
            instances: 1_000, tables: limits.MaxTables + 1, memories: memories + hostMemories);
    }

    /// <summary>The <c>wasmtime_context_t*</c>; valid while this store lives.</summary>
    public IntPtr Context { get; }

    public ViewMeter Meter { get; }

    public void SetFuel(long fuel) => WasmtimeException.Check(wasmtime_context_set_fuel(Context, (ulong)fuel));

    public void Dispose()
    {
        store.Dispose();
        if (meterHandle.IsAllocated)
        {
            meterHandle.Free();
        }
    }
}
