using System.Reflection;
using System.Runtime.InteropServices;
using Wasmtime;
using Wasmtime.Components;

namespace Primatomic.Functions.Views.Native;

/// <summary>
/// Reaches the native pointers behind Wasmtime .NET objects. The package (pinned at 50.0.1) exposes no
/// component type reflection and only a per-element path for byte lists, so the few calls that need the
/// C API directly take the handles from the package's internal <c>NativeHandle</c> properties.
/// ViewEngineTests fail loudly if a package update moves them.
/// </summary>
internal static class WasmtimeHandles
{
    private static readonly PropertyInfo EngineHandle = Find(typeof(Engine));
    private static readonly PropertyInfo ComponentHandle = Find(typeof(Component));

    /// <summary>The <c>wasm_engine_t*</c>; valid while <paramref name="engine"/> is alive.</summary>
    public static IntPtr Of(Engine engine) => Pointer(EngineHandle, engine);

    /// <summary>The <c>wasmtime_component_t*</c>; valid while <paramref name="component"/> is alive.</summary>
    public static IntPtr Of(Component component) => Pointer(ComponentHandle, component);

    private static IntPtr Pointer(PropertyInfo property, object owner) =>
        ((SafeHandle)property.GetValue(owner)!).DangerousGetHandle();

    private static PropertyInfo Find(Type type) =>
        type.GetProperty("NativeHandle", BindingFlags.Instance | BindingFlags.NonPublic)
        ?? throw new InvalidOperationException($"Wasmtime's {type.Name} no longer has an internal NativeHandle; update WasmtimeHandles.");
}
