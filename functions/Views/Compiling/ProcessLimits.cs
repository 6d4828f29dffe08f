using System.Runtime.InteropServices;

namespace Primatomic.Functions.Views.Compiling;

/// <summary>
/// Limits the compiler process sets on itself before it reads a component (Linux: setrlimit and setpriority from
/// POSIX). RLIMIT_DATA counts the heap and private writable mappings (Wasmtime's and the .NET GC's committed memory,
/// not address space merely reserved), so an allocation past it fails and the process aborts; RLIMIT_CPU ends it
/// with SIGXCPU. A nice value keeps request handling ahead of compiling on a busy instance.
/// </summary>
internal static partial class ProcessLimits
{
    private const int RlimitCpu = 0, RlimitData = 2, PrioProcess = 0;

    public static void Apply(long dataBytes, int cpuSeconds, int niceness)
    {
        if (!OperatingSystem.IsLinux())
        {
            return; // the tests and the service run on Linux; elsewhere the parent's timeout still bounds a compile
        }

        Set(RlimitData, (ulong)dataBytes, (ulong)dataBytes);
        // The hard limit a little above the soft one, so an overrun ends with SIGXCPU (reported as CPU time), not
        // with the SIGKILL the kernel sends at the hard limit (indistinguishable from running out of memory).
        Set(RlimitCpu, (ulong)cpuSeconds, (ulong)cpuSeconds + 2);
        if (setpriority(PrioProcess, 0, niceness) != 0)
        {
            throw new InvalidOperationException($"setpriority failed: errno {Marshal.GetLastPInvokeError()}");
        }
    }

    private static void Set(int resource, ulong soft, ulong hard)
    {
        var limit = new ResourceLimit(soft, hard);
        if (setrlimit(resource, in limit) != 0)
        {
            throw new InvalidOperationException($"setrlimit({resource}) failed: errno {Marshal.GetLastPInvokeError()}");
        }
    }

    /// <summary>struct rlimit: two rlim_t (unsigned long, 64-bit on Linux x64 and arm64).</summary>
    [StructLayout(LayoutKind.Sequential)]
    private readonly record struct ResourceLimit(ulong Current, ulong Maximum);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int setrlimit(int resource, in ResourceLimit limit);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int setpriority(int which, uint who, int priority);
}
