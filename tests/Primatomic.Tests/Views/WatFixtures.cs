using System.Runtime.InteropServices;
using System.Text;

namespace Primatomic.Tests.Views;

/// <summary>
/// Loads the hand-written fixtures in Fixtures/wat and turns their text into binaries with Wasmtime's own
/// WAT parser (which reads component text too), so the tests exercise the same byte path as an upload.
/// A fixture that is not a whole component or module is a variant of counter.wat: each of its top-level forms
/// replaces the counter's core-module form of the same name (<c>(func $append ...)</c>), or is added to it.
/// </summary>
internal static class WatFixtures
{
    private static readonly string Folder = FindFolder();

    public static string Text(string name)
    {
        var text = File.ReadAllText(Path.Combine(Folder, name + ".wat"));
        var code = string.Join('\n', text.Split('\n').Where(line => !line.TrimStart().StartsWith(";;", StringComparison.Ordinal)));
        return code.TrimStart().StartsWith("(component", StringComparison.Ordinal) || code.TrimStart().StartsWith("(module", StringComparison.Ordinal)
            ? text
            : Merge(File.ReadAllText(Path.Combine(Folder, "counter.wat")), code);
    }

    private static string Merge(string counter, string variant)
    {
        foreach (var form in Forms(variant))
        {
            var head = form[..form.IndexOfAny([' ', '\n', ')'], form.IndexOf(' ', StringComparison.Ordinal) + 1)];
            var at = head.Contains('$', StringComparison.Ordinal) ? counter.IndexOf(head + " ", StringComparison.Ordinal) : -1;
            if (at >= 0)
            {
                counter = string.Concat(counter.AsSpan(0, at), form, counter.AsSpan(at + Forms(counter[at..])[0].Length));
            }
            else
            {
                // After the exported memory, so that it stays memory 0, the one the counter's code uses.
                const string Memory = "(memory (export \"memory\") 1)";
                counter = counter.Insert(counter.IndexOf(Memory, StringComparison.Ordinal) + Memory.Length, "\n    " + form);
            }
        }

        return counter;
    }

    /// <summary>The top-level parenthesized forms of <paramref name="text"/>, in order.</summary>
    private static List<string> Forms(string text)
    {
        var forms = new List<string>();
        var depth = 0;
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '(')
            {
                start = depth++ == 0 ? i : start;
            }
            else if (text[i] == ')' && --depth == 0)
            {
                forms.Add(text[start..(i + 1)]);
            }
            else if (text[i] == ')' && depth < 0)
            {
                break;
            }
        }

        return forms;
    }

    public static byte[] Binary(string name) => ToBinary(Text(name));

    public static string PathOf(string name) => Path.Combine(Folder, name + ".wat");

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
