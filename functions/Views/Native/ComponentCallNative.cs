using System.Runtime.InteropServices;

namespace Primatomic.Functions.Views.Native;

/// <summary>
/// Direct component calls (wasmtime/component/func.h, val.h, Wasmtime 50). <c>wasmtime_component_val_t</c> is a
/// 32-byte tagged union: tag at 0, payload at 8. A string payload is <c>wasm_name_t { size_t size; uint8_t* data; }</c>;
/// a result payload is <c>{ bool is_ok; wasmtime_component_val_t* val; }</c>.
/// </summary>
internal static unsafe partial class ComponentCallNative
{
    private const string Library = "wasmtime";

    public const int ValBytes = 32;
    public const byte ValString = 12;
    public const byte ValResult = 19;

    [LibraryImport(Library)]
    public static partial IntPtr wasmtime_store_context(IntPtr store);

    [LibraryImport(Library)]
    public static partial IntPtr wasmtime_component_func_call(byte* func, IntPtr context, byte* args, nuint argCount, byte* results, nuint resultCount);

    [LibraryImport(Library)]
    public static partial IntPtr wasmtime_component_func_post_return(byte* func, IntPtr context);

    [LibraryImport(Library)]
    public static partial void wasmtime_component_val_delete(byte* val);

    [LibraryImport(Library)]
    public static partial void wasmtime_error_message(IntPtr error, ByteVec* message);

    [LibraryImport(Library)]
    public static partial void wasmtime_error_delete(IntPtr error);

    [LibraryImport(Library)]
    public static partial void wasm_byte_vec_delete(ByteVec* vec);

    [StructLayout(LayoutKind.Sequential)]
    public struct ByteVec
    {
        public nuint Size;
        public byte* Data;
    }
}
