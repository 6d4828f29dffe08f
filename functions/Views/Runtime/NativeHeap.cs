using System.Runtime.InteropServices;

namespace Primatomic.Functions.Views.Runtime;

/// <summary>
/// Hands freed native heap back to the operating system. Wasmtime frees a hibernating view's store and instance with
/// <c>free</c>, but glibc keeps freed memory in its arenas (one per thread that allocated), so without this an
/// instance's resident memory would stay at its busiest however many views have hibernated since.
/// </summary>
internal static partial class NativeHeap
{
    private static bool _unavailable;

    /// <summary>Returns free arena memory to the system; does nothing where the C library has no <c>malloc_trim</c>.</summary>
    public static void Trim()
    {
        if (_unavailable)
        {
            return;
        }

        try
        {
            _ = malloc_trim(0);
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
        {
            _unavailable = true; // not glibc (musl, macOS): nothing to trim this way
        }
    }

    [LibraryImport("libc", EntryPoint = "malloc_trim")]
    private static partial int malloc_trim(nuint pad);
}
