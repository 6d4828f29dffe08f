using System.Text;
using static Primatomic.Functions.Views.Runtime.Native.WasmtimeApi;

namespace Primatomic.Functions.Views.Runtime.Native;

/// <summary>An error or trap reported by Wasmtime; the message is Wasmtime's own text.</summary>
internal sealed class WasmtimeException(string message) : Exception(message)
{
    /// <summary>Throws for a non-null <c>wasmtime_error_t*</c>, taking ownership of it.</summary>
    public static unsafe void Check(IntPtr error)
    {
        if (error != IntPtr.Zero)
        {
            throw new WasmtimeException(Take(error));
        }
    }

    /// <summary>The message of a <c>wasmtime_error_t*</c>, which is deleted.</summary>
    public static unsafe string Take(IntPtr error)
    {
        ByteVec message;
        wasmtime_error_message(error, &message);
        try
        {
            return Encoding.UTF8.GetString(message.Span);
        }
        finally
        {
            wasm_byte_vec_delete(&message);
            wasmtime_error_delete(error);
        }
    }
}
