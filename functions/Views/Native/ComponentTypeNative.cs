using System.Runtime.InteropServices;

namespace Primatomic.Functions.Views.Native;

/// <summary>
/// The Wasmtime C API's component type reflection (wasmtime/component/types/*.h, Wasmtime 50).
/// Items and value types are tagged unions: a one-byte tag, then an 8-byte aligned payload.
/// </summary>
internal static unsafe partial class ComponentTypeNative
{
    private const string Library = "wasmtime";

    /// <summary>Large enough for <c>wasmtime_component_item_t</c> (24 bytes) and <c>wasmtime_component_valtype_t</c> (16).</summary>
    public const int UnionBytes = 32;

    public const byte ItemComponentFunc = 3;

    [LibraryImport(Library)]
    public static partial IntPtr wasmtime_component_type(IntPtr component);

    [LibraryImport(Library)]
    public static partial void wasmtime_component_type_delete(IntPtr type);

    [LibraryImport(Library)]
    public static partial nuint wasmtime_component_type_export_count(IntPtr type, IntPtr engine);

    [LibraryImport(Library)]
    [return: MarshalAs(UnmanagedType.U1)]
    public static partial bool wasmtime_component_type_export_nth(IntPtr type, IntPtr engine, nuint nth, out byte* name, out nuint nameLength, out IntPtr external);

    [LibraryImport(Library)]
    public static partial nuint wasmtime_component_type_import_count(IntPtr type, IntPtr engine);

    [LibraryImport(Library)]
    [return: MarshalAs(UnmanagedType.U1)]
    public static partial bool wasmtime_component_type_import_nth(IntPtr type, IntPtr engine, nuint nth, out byte* name, out nuint nameLength, out IntPtr external);

    [LibraryImport(Library)]
    public static partial void wasmtime_component_extern_type(IntPtr external, byte* item);

    [LibraryImport(Library)]
    public static partial void wasmtime_component_extern_delete(IntPtr external);

    [LibraryImport(Library)]
    public static partial void wasmtime_component_item_delete(byte* item);

    [LibraryImport(Library)]
    public static partial nuint wasmtime_component_func_type_param_count(IntPtr funcType);

    [LibraryImport(Library)]
    [return: MarshalAs(UnmanagedType.U1)]
    public static partial bool wasmtime_component_func_type_param_nth(IntPtr funcType, nuint nth, out byte* name, out nuint nameLength, byte* valType);

    [LibraryImport(Library)]
    [return: MarshalAs(UnmanagedType.U1)]
    public static partial bool wasmtime_component_func_type_result(IntPtr funcType, byte* valType);

    [LibraryImport(Library)]
    public static partial void wasmtime_component_valtype_delete(byte* valType);

    [LibraryImport(Library)]
    public static partial void wasmtime_component_list_type_element(IntPtr listType, byte* valType);

    [LibraryImport(Library)]
    public static partial void wasmtime_component_option_type_ty(IntPtr optionType, byte* valType);

    [LibraryImport(Library)]
    [return: MarshalAs(UnmanagedType.U1)]
    public static partial bool wasmtime_component_result_type_ok(IntPtr resultType, byte* valType);

    [LibraryImport(Library)]
    [return: MarshalAs(UnmanagedType.U1)]
    public static partial bool wasmtime_component_result_type_err(IntPtr resultType, byte* valType);
}
