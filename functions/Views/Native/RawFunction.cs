using System.Reflection;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Unicode;
using Wasmtime;
using Wasmtime.Components;
using static Primatomic.Functions.Views.Native.ComponentCallNative;

namespace Primatomic.Functions.Views.Native;

/// <summary>
/// Calls a view export through the C API with its string argument already UTF-8 encoded. Through
/// <see cref="ComponentValue"/> a 1 MiB batch costs about 2 ms (.NET string building and transcoding); this way
/// about 0.13 ms (docs/views.md), and the host sees an output's length before copying it.
/// Not thread-safe: <see cref="ViewInstance"/> serializes calls.
/// </summary>
internal sealed unsafe class RawFunction : IDisposable
{
    private static readonly PropertyInfo StoreHandle = typeof(Store).GetProperty("NativeHandle", BindingFlags.Instance | BindingFlags.NonPublic)
        ?? throw new InvalidOperationException("Wasmtime's Store no longer has an internal NativeHandle; update RawFunction.");

    private static readonly FieldInfo FuncField = typeof(ComponentFunction).GetField("func", BindingFlags.Instance | BindingFlags.NonPublic)
        ?? throw new InvalidOperationException("Wasmtime's ComponentFunction no longer has a private func field; update RawFunction.");

    private readonly Store store;
    private readonly IntPtr context;
    private readonly IntPtr func;

    public RawFunction(Store store, ComponentFunction function)
    {
        this.store = store;
        context = wasmtime_store_context(((SafeHandle)StoreHandle.GetValue(store)!).DangerousGetHandle());
        var value = FuncField.GetValue(function)!;
        func = Marshal.AllocHGlobal(Math.Max(64, Marshal.SizeOf(value.GetType())));
        Marshal.StructureToPtr(value, func, false);
    }

    public delegate T ResultReader<out T>(byte* result);

    /// <summary>Calls with one string argument (or none when <paramref name="argument"/> is null) and reads the result before it is freed.</summary>
    /// <exception cref="WasmtimeException">The call trapped or hit a limit; the message is Wasmtime's.</exception>
    public T Call<T>(byte[]? argument, int length, ResultReader<T> read)
    {
        // Wasmtime's C API unwraps the argument as UTF-8 and aborts the process if it is not: check it here.
        var text = new ReadOnlySpan<byte>(argument, 0, argument is null ? 0 : length);
        if (!Utf8.IsValid(text))
        {
            throw new InvalidOperationException("A view argument was not valid UTF-8; refusing to pass it to Wasmtime.");
        }

        var args = stackalloc byte[ValBytes];
        var results = stackalloc byte[ValBytes];
        new Span<byte>(args, ValBytes).Clear();
        new Span<byte>(results, ValBytes).Clear();
        fixed (byte* data = argument)
        {
            args[0] = ValString;
            *(nuint*)(args + 8) = (nuint)length;
            *(byte**)(args + 16) = data;
            Check(wasmtime_component_func_call((byte*)func, context, args, argument is null ? 0u : 1u, results, 1));
        }

        try
        {
            return read(results);
        }
        finally
        {
            wasmtime_component_val_delete(results);
            Check(wasmtime_component_func_post_return((byte*)func, context));
            GC.KeepAlive(store);
        }
    }

    /// <summary>The bytes of a string value, or an empty span for anything else.</summary>
    public static ReadOnlySpan<byte> StringBytes(byte* val) =>
        val is null || val[0] != ValString ? default : new ReadOnlySpan<byte>(*(byte**)(val + 16), checked((int)*(nuint*)(val + 8)));

    /// <summary>For a <c>result</c> value: whether it is ok, and its payload value (null for <c>_</c>).</summary>
    public static bool IsOk(byte* val, out byte* payload)
    {
        if (val[0] != ValResult)
        {
            throw new WasmtimeException("The export returned something other than a result.");
        }

        payload = *(byte**)(val + 16);
        return val[8] != 0;
    }

    public static string Text(byte* val) => Encoding.UTF8.GetString(StringBytes(val));

    private static void Check(IntPtr error)
    {
        if (error == IntPtr.Zero)
        {
            return;
        }

        ByteVec message;
        wasmtime_error_message(error, &message);
        var text = Encoding.UTF8.GetString(message.Data, checked((int)message.Size));
        wasm_byte_vec_delete(&message);
        wasmtime_error_delete(error);
        throw new WasmtimeException(text);
    }

    public void Dispose() => Marshal.FreeHGlobal(func);
}
