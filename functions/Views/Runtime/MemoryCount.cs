using Primatomic.Functions.Views.Runtime.Native;
using static Primatomic.Functions.Views.Runtime.Native.WasmtimeApi;

namespace Primatomic.Functions.Views.Runtime;

/// <summary>
/// Finds how many linear memories a view defines. Wasmtime's store limiter caps each memory on its own, so the
/// view's memory budget is split evenly between its memories: the count must be known, and a component's memories
/// are all created at instantiation. It is found by instantiating with room for 1, 2, ... memories.
/// </summary>
internal static class MemoryCount
{
    public static unsafe int Probe(ViewEngine engine, CompiledView view)
    {
        string? lastError = null;
        for (var memories = 1; memories <= engine.Limits.MaxMemories; memories++)
        {
            using var store = new ViewStore(engine, memories, view.HostMemories);
            store.SetFuel(engine.Limits.FuelPerCall);
            ComponentInstance instance;
            var error = wasmtime_component_linker_instantiate(view.Linker.DangerousGetHandle(), store.Context, view.Component.DangerousGetHandle(), &instance);
            if (error == IntPtr.Zero)
            {
                return memories;
            }

            lastError = WasmtimeException.Take(error);
            if (!lastError.Contains("memory count", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidViewException($"The component does not instantiate: {ViewTraps.Describe(lastError, engine.Limits, "instantiation")}");
            }
        }

        throw new InvalidViewException(
            $"The component defines more than {engine.Limits.MaxMemories} linear memories, the most a view may have: {ViewTraps.FirstLines(lastError ?? "")}");
    }
}
