using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Primatomic.Testing;

/// <summary>POSIX signals for graceful stops (SIGTERM) and hard kills (SIGKILL) of child processes.</summary>
public static partial class Signals
{
    private const int SigInt = 2;
    private const int SigKill = 9;
    private const int SigTerm = 15;
    private const int SigStop = 19;
    private const int SigCont = 18;

    public static void Terminate(Process process) => Send(process, SigTerm);

    public static void Kill(Process process) => Send(process, SigKill);

    /// <summary>What Ctrl-C sends.</summary>
    public static void Interrupt(Process process) => Send(process, SigInt);

    /// <summary>SIGSTOP: the process freezes (its sockets stay open, nothing answers) until <see cref="Continue"/>.</summary>
    public static void Stop(Process process) => Send(process, SigStop);

    /// <summary>SIGCONT: a process frozen by <see cref="Stop"/> runs again.</summary>
    public static void Continue(Process process) => Send(process, SigCont);

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
