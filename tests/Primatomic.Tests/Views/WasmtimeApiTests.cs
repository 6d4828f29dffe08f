using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Xml.Linq;
using Microsoft.Extensions.DependencyModel;
using Primatomic.Functions.Views.Runtime.Native;
using Primatomic.Testing;

namespace Primatomic.Tests.Views;

/// <summary>
/// Pins our own declarations of Wasmtime's C API (functions/Views/Runtime/Native) to the native library we ship: the
/// same version, every entry point present, and structure layouts that Wasmtime itself reads and writes the same way.
/// The layouts are those of Wasmtime's headers (<c>crates/c-api/include</c>); the derivations are in
/// <see cref="Struct_sizes_match_the_headers"/>. Like <see cref="WatFixtures"/>, this class is free of unsafe code (the
/// test project does not allow it): it calls Wasmtime through DllImport declarations of its own that take our structures
/// by reference, which pins them and passes their address, exactly as our pointer-taking declarations do.
/// </summary>
public sealed class WasmtimeApiTests
{
    // wasmtime/component/val.h
    private const byte KindList = 13; // WASMTIME_COMPONENT_LIST

    [Fact]
    public void Declarations_are_for_the_Wasmtime_package_version_in_use()
    {
        var props = XDocument.Load(RepoPaths.Combine("Directory.Packages.props"));
        var pinned = props.Descendants("PackageVersion")
            .Single(package => (string?)package.Attribute("Include") == "Wasmtime")
            .Attribute("Version")?.Value;
        Assert.Equal(WasmtimeApi.HeaderVersion, pinned);

        // The C API has no function that reports the library's version (wasmtime.h only has WASMTIME_VERSION macros,
        // compiled into the caller), so check what the host resolves "wasmtime" from: the one package in this test's
        // deps.json that carries the native library, and its version.
        var dependencies = DependencyContext.Load(typeof(WasmtimeApiTests).Assembly);
        Assert.NotNull(dependencies);
        var carriers = dependencies.RuntimeLibraries
            .Where(library => library.NativeLibraryGroups.SelectMany(group => group.AssetPaths).Any(IsWasmtimeLibrary))
            .ToList();
        var carrier = Assert.Single(carriers);
        Assert.Equal("Wasmtime", carrier.Name);
        Assert.Equal(WasmtimeApi.HeaderVersion, carrier.Version);

        // The package's managed half (Wasmtime.Dotnet, which we do not call) is built from the same release.
        var informational = typeof(Wasmtime.Engine).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>();
        Assert.NotNull(informational);
        Assert.Equal(WasmtimeApi.HeaderVersion, informational.InformationalVersion.Split('+')[0]);
    }

    [Fact]
    public void Every_declared_entry_point_resolves_in_the_native_library()
    {
        var entryPoints = DeclaredEntryPoints();
        // The reflection does find the declarations (a rename of the class or attribute would otherwise pass vacuously).
        Assert.Contains("wasm_engine_new_with_config", entryPoints);
        Assert.Contains("wasmtime_component_func_call", entryPoints);
        Assert.Contains("wasmtime_component_val_clone", entryPoints);

        // The same resolution as the declarations' own: the library name, from the declaring assembly.
        var library = NativeLibrary.Load("wasmtime", typeof(WasmtimeApi).Assembly, null);
        try
        {
            var missing = entryPoints.Where(name => !NativeLibrary.TryGetExport(library, name, out _)).ToList();
            Assert.Empty(missing);
        }
        finally
        {
            NativeLibrary.Free(library);
        }
    }

    [Fact]
    public void Component_values_round_trip_through_the_native_clone()
    {
        using var pins = new Pins();

        // u32: kind at 0, the value at 8 (a pattern that an offset of 4 would not read back).
        var number = ComponentVal.OfU32(0xDEADBEEF);
        var numberCopy = Clone(ref number);
        try
        {
            Assert.Equal(ComponentVal.KindU32, numberCopy.Kind);
            Assert.Equal(0xDEADBEEFu, numberCopy.U32);
        }
        finally
        {
            wasmtime_component_val_delete(ref numberCopy);
        }

        // string: Wasmtime reads our { size, data } at 8 and answers a deep copy in memory of its own.
        var text = "héllo, wasmtime"u8.ToArray();
        var textData = pins.Pin(text);
        var str = OfString(text.Length, textData);
        var strCopy = Clone(ref str);
        try
        {
            Assert.Equal(ComponentVal.KindString, strCopy.Kind);
            Assert.NotEqual(textData, Vec(ref strCopy.String).Data);
            Assert.Equal(text, strCopy.String.Span.ToArray());
        }
        finally
        {
            wasmtime_component_val_delete(ref strCopy);
        }

        // list: a wasmtime_component_vallist_t is { size_t size; wasmtime_component_val_t *data; }, the shape of our
        // ByteVec, so it travels in the String member. Wasmtime walks the elements at its own stride, which must be ours
        // (the array of ComponentVal we pass as arguments is laid out the same way).
        var itemText = "second"u8.ToArray();
        var itemData = pins.Pin(itemText);
        var items = new[] { ComponentVal.OfU32(7), OfString(itemText.Length, itemData), ComponentVal.OfU32(uint.MaxValue) };
        var itemsData = pins.Pin(items);
        var list = new ComponentVal { Kind = KindList };
        Vec(ref list.String) = new RawVec { Size = (nuint)items.Length, Data = itemsData };
        var listCopy = Clone(ref list);
        try
        {
            Assert.Equal(KindList, listCopy.Kind);
            var copied = Vec(ref listCopy.String);
            Assert.Equal((nuint)items.Length, copied.Size);
            Assert.NotEqual(itemsData, copied.Data);
            var elements = Enumerable.Range(0, items.Length)
                .Select(i => Marshal.PtrToStructure<ComponentVal>(copied.Data + (i * Unsafe.SizeOf<ComponentVal>())))
                .ToArray();
            Assert.Equal(new[] { ComponentVal.KindU32, ComponentVal.KindString, ComponentVal.KindU32 }, elements.Select(e => e.Kind));
            Assert.Equal(7u, elements[0].U32);
            Assert.Equal(itemText, elements[1].String.Span.ToArray());
            Assert.NotEqual(itemData, Vec(ref elements[1].String).Data);
            Assert.Equal(uint.MaxValue, elements[2].U32);
        }
        finally
        {
            wasmtime_component_val_delete(ref listCopy);
        }
    }

    [Fact]
    public void Byte_vectors_and_error_messages_come_back_through_our_declarations()
    {
        var module = "(module (func (export \"f\")))"u8.ToArray();
        Assert.Equal(IntPtr.Zero, wasmtime_wat2wasm(module, (nuint)module.Length, out var binary));
        try
        {
            // { size, data }: the binary Wasmtime allocated reads back through ByteVec.Span.
            Assert.Equal("\0asm"u8.ToArray(), binary.Span[..4].ToArray());
        }
        finally
        {
            wasm_byte_vec_delete(ref binary);
        }

        // WasmtimeException.Take reads the message through WasmtimeApi.wasmtime_error_message into a ByteVec, frees
        // the vector with wasm_byte_vec_delete and the error with wasmtime_error_delete: our declarations, end to end.
        var broken = "(module (func (export \"f\")"u8.ToArray();
        var error = wasmtime_wat2wasm(broken, (nuint)broken.Length, out _);
        Assert.NotEqual(IntPtr.Zero, error);
        var message = WasmtimeException.Take(error);
        Assert.Contains("expected", message, StringComparison.Ordinal);
    }

    /// <summary>
    /// The layouts, from the headers of the Wasmtime release in <see cref="WasmtimeApi.HeaderVersion"/>, on the 64-bit
    /// platforms the package ships for (x64 and arm64: size_t and pointers are 8 bytes, uint64_t is 8-aligned):
    /// <list type="bullet">
    /// <item><c>wasm_byte_vec_t</c> = <c>wasm_name_t</c> (wasm.h, WASM_DECLARE_VEC): <c>{ size_t size; uint8_t *data; }</c>:
    /// size at 0, data at 8, 16 bytes.</item>
    /// <item><c>wasmtime_component_valunion_t</c> (component/val.h): its members are at most 8-aligned; the largest is
    /// the variant, <c>{ wasm_name_t discriminant; wasmtime_component_val_t *val; }</c> = 16 + 8 = 24 bytes (string,
    /// list, record, tuple, flags and map are 16-byte vecs; result is <c>{ bool; pointer; }</c> = 16), so 24 bytes,
    /// 8-aligned.</item>
    /// <item><c>wasmtime_component_val_t</c>: <c>{ uint8_t kind; wasmtime_component_valunion_t of; }</c>: kind at 0,
    /// the union at the next multiple of 8, 8, ending at 32: 32 bytes, 8-aligned. Kinds: U32 = 6, STRING = 12,
    /// LIST = 13. (The Rust side is a <c>#[repr(C, u8)]</c> enum, which is laid out the same.)</item>
    /// <item><c>wasmtime_component_instance_t</c> (component/instance.h): <c>{ uint64_t store_id; uint32_t __private; }</c>
    /// = 12, padded to 16 bytes, 8-aligned.</item>
    /// <item><c>wasmtime_component_func_t</c> (component/func.h): <c>{ struct { uint64_t store_id; uint32_t __private1; };
    /// uint32_t __private2; }</c>: the inner struct is 12 padded to 16, then 4 at 16, ending at 20, padded to 24 bytes,
    /// 8-aligned.</item>
    /// </list>
    /// Our <see cref="ComponentInstance"/> and <see cref="ComponentFunc"/> are opaque 32-byte storage: Wasmtime only
    /// writes them and reads them back, so they must be at least as large and as aligned, not the same size.
    /// </summary>
    [Fact]
    public void Struct_sizes_match_the_headers()
    {
        Assert.True(Environment.Is64BitProcess, "The layouts below are those of the 64-bit platforms Wasmtime ships for.");

        Assert.Equal(16, Marshal.SizeOf<ByteVec>());
        Assert.Equal(16, Unsafe.SizeOf<ByteVec>());
        Assert.Equal(0, (int)Marshal.OffsetOf<ByteVec>(nameof(ByteVec.Size)));
        Assert.Equal(8, (int)Marshal.OffsetOf<ByteVec>(nameof(ByteVec.Data)));

        Assert.Equal(32, Marshal.SizeOf<ComponentVal>());
        Assert.Equal(32, Unsafe.SizeOf<ComponentVal>());
        Assert.Equal(0, (int)Marshal.OffsetOf<ComponentVal>(nameof(ComponentVal.Kind)));
        Assert.Equal(8, (int)Marshal.OffsetOf<ComponentVal>(nameof(ComponentVal.U32)));
        Assert.Equal(8, (int)Marshal.OffsetOf<ComponentVal>(nameof(ComponentVal.String)));
        Assert.Equal(8, (int)Marshal.OffsetOf<ValAlignment>(nameof(ValAlignment.Value)));
        Assert.Equal(6, ComponentVal.KindU32);
        Assert.Equal(12, ComponentVal.KindString);

        Assert.InRange(Marshal.SizeOf<ComponentInstance>(), 16, int.MaxValue);
        Assert.Equal(Marshal.SizeOf<ComponentInstance>(), Unsafe.SizeOf<ComponentInstance>());
        Assert.Equal(8, (int)Marshal.OffsetOf<InstanceAlignment>(nameof(InstanceAlignment.Value)));

        Assert.InRange(Marshal.SizeOf<ComponentFunc>(), 24, int.MaxValue);
        Assert.Equal(Marshal.SizeOf<ComponentFunc>(), Unsafe.SizeOf<ComponentFunc>());
        Assert.Equal(8, (int)Marshal.OffsetOf<FuncAlignment>(nameof(FuncAlignment.Value)));
    }

    /// <summary>The C symbol of every method of <see cref="WasmtimeApi"/> declared with LibraryImport or DllImport.</summary>
    private static SortedSet<string> DeclaredEntryPoints()
    {
        var names = new SortedSet<string>(StringComparer.Ordinal);
        const BindingFlags All = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.DeclaredOnly;
        foreach (var method in typeof(WasmtimeApi).GetMethods(All))
        {
            if (method.GetCustomAttribute<LibraryImportAttribute>() is { } libraryImport)
            {
                Assert.Equal("wasmtime", libraryImport.LibraryName);
                names.Add(libraryImport.EntryPoint ?? method.Name);
            }
            else if (method.GetCustomAttribute<DllImportAttribute>() is { } dllImport)
            {
                // Also what the LibraryImport generator emits underneath, named after the declaration's entry point.
                Assert.Equal("wasmtime", dllImport.Value);
                names.Add(dllImport.EntryPoint ?? method.Name);
            }
        }

        return names;
    }

    private static bool IsWasmtimeLibrary(string assetPath) =>
        Path.GetFileName(assetPath) is "libwasmtime.so" or "libwasmtime.dylib" or "wasmtime.dll";

    private static ComponentVal OfString(int length, IntPtr data)
    {
        var value = new ComponentVal { Kind = ComponentVal.KindString };
        Vec(ref value.String) = new RawVec { Size = (nuint)length, Data = data };
        return value;
    }

    /// <summary><c>wasmtime_component_val_clone</c> into storage filled with a pattern, so unwritten bytes show.</summary>
    private static ComponentVal Clone(ref ComponentVal source)
    {
        var copy = default(ComponentVal);
        MemoryMarshal.AsBytes(MemoryMarshal.CreateSpan(ref copy, 1)).Fill(0xCD);
        wasmtime_component_val_clone(ref source, ref copy);
        return copy;
    }

    /// <summary>Our <see cref="ByteVec"/> with its data pointer as an <see cref="IntPtr"/>, which safe code can hold.</summary>
    private static ref RawVec Vec(ref ByteVec vec) => ref Unsafe.As<ByteVec, RawVec>(ref vec);

    [StructLayout(LayoutKind.Sequential)]
    private struct RawVec
    {
        public nuint Size;
        public IntPtr Data;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct ValAlignment
    {
        public byte Before;
        public ComponentVal Value;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct InstanceAlignment
    {
        public byte Before;
        public ComponentInstance Value;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct FuncAlignment
    {
        public byte Before;
        public ComponentFunc Value;
    }

    /// <summary>Managed arrays pinned for as long as Wasmtime may read them.</summary>
    private sealed class Pins : IDisposable
    {
        private readonly List<GCHandle> _handles = [];

        public IntPtr Pin(Array array)
        {
            var handle = GCHandle.Alloc(array, GCHandleType.Pinned);
            _handles.Add(handle);
            return handle.AddrOfPinnedObject();
        }

        public void Dispose() => _handles.ForEach(handle => handle.Free());
    }

#pragma warning disable SYSLIB1054 // DllImport keeps this test free of unsafe code; `ref` passes the pinned address.
    // wasmtime/component/val.h: (const wasmtime_component_val_t *src, wasmtime_component_val_t *dst) and (value).
    [DllImport("wasmtime")]
    private static extern void wasmtime_component_val_clone(ref ComponentVal source, ref ComponentVal destination);

    [DllImport("wasmtime")]
    private static extern void wasmtime_component_val_delete(ref ComponentVal value);

    // wasmtime/wat.h and wasm.h
    [DllImport("wasmtime")]
    private static extern IntPtr wasmtime_wat2wasm(byte[] wat, nuint length, out ByteVec binary);

    [DllImport("wasmtime")]
    private static extern void wasm_byte_vec_delete(ref ByteVec vec);
#pragma warning restore SYSLIB1054
}
