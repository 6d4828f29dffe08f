using System.Runtime.InteropServices;

namespace Primatomic.Functions.Views.Runtime.Native;

/// <summary><c>wasm_byte_vec_t</c> and <c>wasm_name_t</c> (wasm.h): <c>{ size_t size; uint8_t *data; }</c>.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct ByteVec
{
    public nuint Size;
    public byte* Data;

    public readonly ReadOnlySpan<byte> Span => new(Data, checked((int)Size));
}

/// <summary>
/// <c>wasmtime_component_val_t</c> (wasmtime/component/val.h): a one-byte kind, then <c>wasmtime_component_valunion_t</c>
/// at offset 8 (its largest member, the variant, is a <c>wasm_name_t</c> and a pointer: 24 bytes). Views only pass
/// strings and integers, so only those members are mapped.
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = 32)]
internal unsafe struct ComponentVal
{
    public const byte KindU32 = 6;   // WASMTIME_COMPONENT_U32
    public const byte KindString = 12; // WASMTIME_COMPONENT_STRING

    [FieldOffset(0)] public byte Kind;
    [FieldOffset(8)] public uint U32;
    [FieldOffset(8)] public ByteVec String;

    public static ComponentVal OfString(byte* data, int length) =>
        new() { Kind = KindString, String = new ByteVec { Size = (nuint)length, Data = data } };

    public static ComponentVal OfU32(uint value) => new() { Kind = KindU32, U32 = value };
}

/// <summary>
/// Storage for <c>wasmtime_component_instance_t</c> (<c>{ uint64_t store_id; uint32_t __private; }</c>): only Wasmtime
/// reads or writes it, so it is kept opaque, with room to spare.
/// </summary>
[StructLayout(LayoutKind.Sequential, Size = 32)]
internal struct ComponentInstance
{
    private readonly ulong storeId;
}

/// <summary>Storage for <c>wasmtime_component_func_t</c> (a store id and two private words): opaque, with room to spare.</summary>
[StructLayout(LayoutKind.Sequential, Size = 32)]
internal struct ComponentFunc
{
    private readonly ulong storeId;
}
