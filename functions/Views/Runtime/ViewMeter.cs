using System.Runtime.InteropServices;
using Primatomic.Functions.Views.Runtime.Native;
using static Primatomic.Functions.Views.Runtime.Native.WasmtimeApi;

namespace Primatomic.Functions.Views.Runtime;

/// <summary>
/// Per-event metering: the adapter calls <c>primatomic:host/meter.event-start</c> before each event, and the host
/// refills the store's fuel to the per-event budget and counts the event, so a trap or an exhausted budget is
/// attributed to the event that was running.
/// </summary>
internal sealed class ViewMeter
{
    /// <summary>Fuel given at each event start.</summary>
    public ulong EventBudget { get; set; }

    /// <summary>Events started since <see cref="Reset"/>.</summary>
    public int Started { get; private set; }

    public void Reset(ulong eventBudget)
    {
        EventBudget = eventBudget;
        Started = 0;
    }

    /// <summary>Defines <c>event-start</c> in <paramref name="linker"/>; the store's data must be a handle to a <see cref="ViewMeter"/>.</summary>
    public static unsafe void Define(LinkerHandle linker)
    {
        var root = wasmtime_component_linker_root(linker.DangerousGetHandle());
        IntPtr meter = IntPtr.Zero;
        try
        {
            var instanceName = "primatomic:host/meter@0.0.1"u8;
            fixed (byte* name = instanceName)
            {
                WasmtimeException.Check(wasmtime_component_linker_instance_add_instance(root, name, (nuint)instanceName.Length, &meter));
            }

            var funcName = "event-start"u8;
            fixed (byte* name = funcName)
            {
                WasmtimeException.Check(wasmtime_component_linker_instance_add_func(meter, name, (nuint)funcName.Length, &EventStart, IntPtr.Zero, IntPtr.Zero));
            }
        }
        finally
        {
            if (meter != IntPtr.Zero)
            {
                wasmtime_component_linker_instance_delete(meter);
            }

            wasmtime_component_linker_instance_delete(root);
        }
    }

    [UnmanagedCallersOnly]
    private static unsafe IntPtr EventStart(IntPtr env, IntPtr context, IntPtr type, ComponentVal* args, nuint argCount, ComponentVal* results, nuint resultCount)
    {
        // No exception may cross back into Wasmtime: nothing below throws.
        if (GCHandle.FromIntPtr(wasmtime_context_get_data(context)).Target is ViewMeter meter)
        {
            meter.Started++;
            return wasmtime_context_set_fuel(context, meter.EventBudget);
        }

        return IntPtr.Zero;
    }
}
