using System.Runtime.InteropServices;

namespace Nuke.LambdaRust.Processes;

/// <summary>
/// <c>kill(2)</c>: sends a signal to a process or, with a negative id, to every process of a group. .NET can only
/// SIGKILL one process (<see cref="System.Diagnostics.Process.Kill()"/>), not signal a group or continue a stopped one.
/// </summary>
internal static class UnixSignals
{
    private const int NoSuchProcess = 3; // ESRCH, the same on Linux and macOS

    /// <summary>The signal numbers; SIGCONT is the one that differs between Linux (18) and the BSDs/macOS (19).</summary>
    public const int Hangup = 1, Interrupt = 2, Quit = 3, Kill = 9, Terminate = 15;

    /// <summary>SIGCONT: a stopped process only acts on SIGTERM once it runs again.</summary>
    public static int Continue { get; } = OperatingSystem.IsLinux() ? 18 : 19;

    /// <summary>
    /// Sends <paramref name="signal"/> (0 only asks whether the target exists); false when no such process or group
    /// exists. Never throws: it runs while the process is ending. A target we may not signal (EPERM) does exist.
    /// </summary>
    public static bool Send(int pid, int signal) => kill(pid, signal) == 0 || Marshal.GetLastPInvokeError() != NoSuchProcess;

    /// <summary>The number of a <see cref="PosixSignal"/> as <c>kill(2)</c> takes it.</summary>
    public static int Number(PosixSignal signal) => signal switch
    {
        PosixSignal.SIGHUP => Hangup,
        PosixSignal.SIGINT => Interrupt,
        PosixSignal.SIGQUIT => Quit,
        PosixSignal.SIGTERM => Terminate,
        _ => throw new ArgumentOutOfRangeException(nameof(signal), signal, "Not a signal we forward."),
    };

    [DllImport("libc", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int kill(int pid, int signal);
}
