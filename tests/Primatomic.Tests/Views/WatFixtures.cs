using System.Runtime.InteropServices;
using System.Text;

namespace Primatomic.Tests.Views;

/// <summary>
/// Loads the hand-written fixtures in Fixtures/wat and turns their text into binaries with Wasmtime's own
/// WAT parser (which reads component text too), so the tests exercise the same byte path as an upload.
/// </summary>
internal static class WatFixtures
{
    private static readonly string Folder = FindFolder();

    public static string Text(string name) => File.ReadAllText(Path.Combine(Folder, name + ".wat"));

    public static byte[] Binary(string name) => ToBinary(Text(name));

    public static byte[] ToBinary(string wat)
    {
        var text = Encoding.UTF8.GetBytes(wat);
        var error = wasmtime_wat2wasm(text, (nuint)text.Length, out var binary);
        if (error != IntPtr.Zero)
        {
            wasmtime_error_delete(error);
            throw new InvalidOperationException("The fixture is not valid WAT.");
        }

        try
        {
            var bytes = new byte[checked((int)binary.Size)];
            Marshal.Copy(binary.Data, bytes, 0, bytes.Length);
            return bytes;
        }
        finally
        {
            wasm_byte_vec_delete(ref binary);
        }
    }

    private static string FindFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "Primatomic.Tests", "Fixtures", "wat");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("tests/Primatomic.Tests/Fixtures/wat not found above the test binaries.");
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct ByteVec
    {
        public nuint Size;
        public IntPtr Data;
    }

#pragma warning disable SYSLIB1054 // DllImport keeps this test helper free of unsafe code.
    [DllImport("wasmtime")]
    private static extern IntPtr wasmtime_wat2wasm(byte[] wat, nuint length, out ByteVec binary);

    [DllImport("wasmtime")]
    private static extern void wasm_byte_vec_delete(ref ByteVec vec);

    [DllImport("wasmtime")]
    private static extern void wasmtime_error_delete(IntPtr error);
#pragma warning restore SYSLIB1054
}
