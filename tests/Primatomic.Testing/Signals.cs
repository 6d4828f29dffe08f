using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Primatomic.Testing;

/// <summary>POSIX signals for graceful stops (SIGTERM) and hard kills (SIGKILL) of child processes.</summary>
public static partial class Signals
{
    private const int SigInt = 2;
    private const int SigKill = 9;
    private const int SigTerm = 15;

    public static void Terminate(Process process) => Send(process, SigTerm);

    public static void Kill(Process process) => Send(process, SigKill);

    /// <summary>What Ctrl-C sends.</summary>
    public static void Interrupt(Process process) => Send(process, SigInt);

    private static void Send(Process process, int signal)
    {
        if (!process.HasExited && SendSignal(process.Id, signal) != 0 && !process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int SendSignal(int pid, int signal);
}
