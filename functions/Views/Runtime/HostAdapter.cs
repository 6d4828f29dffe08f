using System.Security.Cryptography;
using System.Text;
using Primatomic.Functions.Views.Runtime.Native;
using static Primatomic.Functions.Views.Runtime.Native.WasmtimeApi;

namespace Primatomic.Functions.Views.Runtime;

/// <summary>The host adapter component (adapter.wat and frames.wat, embedded in this assembly) and the direct append module (direct.wat), assembled once per process.</summary>
internal static class HostAdapter
{
    private const string Include = ";; #include frames.wat";

    private static readonly Lazy<string> Text = new(() => Resource("adapter.wat").Replace(Include, Resource("frames.wat"), StringComparison.Ordinal));

    private const string PostReturnMark = ";; post-return";

    private static readonly Lazy<string> DirectText = new(() => Resource("direct.wat").Replace(Include, Resource("frames.wat"), StringComparison.Ordinal));

    private static readonly Lazy<byte[]> Binary = new(() => Assemble(Text.Value));

    private static readonly Lazy<byte[]> DirectBinary = new(() => Assemble(WithoutPostReturn(DirectText.Value)));

    private static readonly Lazy<byte[]> DirectPostReturnBinary = new(() => Assemble(DirectText.Value));

    /// <summary>The adapter as a component binary.</summary>
    public static byte[] Bytes => Binary.Value;

    /// <summary>The direct append module (direct.wat) as a core module binary, for <see cref="Direct.DirectAppendSplice"/>:
    /// for a view whose append has a post-return function, or (its lines marked "post-return" left out) without.</summary>
    public static byte[] DirectModule(bool postReturn) => postReturn ? DirectPostReturnBinary.Value : DirectBinary.Value;

    private static string WithoutPostReturn(string text) =>
        string.Join('\n', text.Split('\n').Where(line => !line.TrimEnd().EndsWith(PostReturnMark, StringComparison.Ordinal)));

    /// <summary>Identifies the adapter and direct module in artifact names: a composed component embeds them.</summary>
    public static string Version { get; } = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Text.Value + DirectText.Value)))[..12];

    private static string Resource(string name)
    {
        using var stream = typeof(HostAdapter).Assembly.GetManifestResourceStream("Primatomic.Functions.Views.Runtime." + name)
            ?? throw new InvalidOperationException($"The view adapter's {name} is not embedded in this build.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

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
