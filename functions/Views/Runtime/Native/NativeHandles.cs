using System.Runtime.InteropServices;
using static Primatomic.Functions.Views.Runtime.Native.WasmtimeApi;

namespace Primatomic.Functions.Views.Runtime.Native;

/// <summary>Owns a <c>wasm_engine_t*</c>.</summary>
internal sealed class EngineHandle() : SafeHandle(IntPtr.Zero, ownsHandle: true)
{
    public EngineHandle(IntPtr engine) : this() => SetHandle(engine);

    public override bool IsInvalid => handle == IntPtr.Zero;

    protected override bool ReleaseHandle()
    {
        wasm_engine_delete(handle);
        return true;
    }
}

/// <summary>Owns a <c>wasmtime_component_t*</c>.</summary>
internal sealed class ComponentHandle() : SafeHandle(IntPtr.Zero, ownsHandle: true)
{
    public ComponentHandle(IntPtr component) : this() => SetHandle(component);

    public override bool IsInvalid => handle == IntPtr.Zero;

    protected override bool ReleaseHandle()
    {
        wasmtime_component_delete(handle);
        return true;
    }
}

/// <summary>Owns a <c>wasmtime_component_linker_t*</c>.</summary>
internal sealed class LinkerHandle() : SafeHandle(IntPtr.Zero, ownsHandle: true)
{
    public LinkerHandle(IntPtr linker) : this() => SetHandle(linker);

    public override bool IsInvalid => handle == IntPtr.Zero;

    protected override bool ReleaseHandle()
    {
        wasmtime_component_linker_delete(handle);
        return true;
    }
}

/// <summary>Owns a <c>wasmtime_store_t*</c>; its context pointer lives as long as the store.</summary>
internal sealed class StoreHandle() : SafeHandle(IntPtr.Zero, ownsHandle: true)
{
    public StoreHandle(IntPtr store) : this() => SetHandle(store);

    public override bool IsInvalid => handle == IntPtr.Zero;

    protected override bool ReleaseHandle()
    {
        wasmtime_store_delete(handle);
        return true;
    }
}
