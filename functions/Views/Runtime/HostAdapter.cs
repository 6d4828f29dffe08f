using System.Security.Cryptography;
using System.Text;
using Primatomic.Functions.Views.Runtime.Native;
using static Primatomic.Functions.Views.Runtime.Native.WasmtimeApi;

namespace Primatomic.Functions.Views.Runtime;

/// <summary>The host adapter component (adapter.wat, embedded in this assembly), assembled once per process.</summary>
internal static class HostAdapter
{
    private static readonly Lazy<string> Text = new(() =>
    {
        using var stream = typeof(HostAdapter).Assembly.GetManifestResourceStream("Primatomic.Functions.Views.Runtime.adapter.wat")
            ?? throw new InvalidOperationException("The view adapter (adapter.wat) is not embedded in this build.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    });

    private static readonly Lazy<byte[]> Binary = new(() => Assemble(Text.Value));

    /// <summary>The adapter as a component binary.</summary>
    public static byte[] Bytes => Binary.Value;

    /// <summary>Identifies this adapter in artifact names: a composed component embeds it.</summary>
    public static string Version { get; } = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Text.Value)))[..12];

    private static unsafe byte[] Assemble(string text)
    {
        var utf8 = Encoding.UTF8.GetBytes(text);
        ByteVec wasm;
        fixed (byte* source = utf8)
        {
            WasmtimeException.Check(wasmtime_wat2wasm(source, (nuint)utf8.Length, &wasm));
        }

        try
        {
            return wasm.Span.ToArray();
        }
        finally
        {
            wasm_byte_vec_delete(&wasm);
        }
    }
}
