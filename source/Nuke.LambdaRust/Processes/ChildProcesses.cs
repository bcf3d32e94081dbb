using System.Runtime.InteropServices;

namespace Nuke.LambdaRust.Processes;

/// <summary>
/// The process trees this library started that still run. On Linux every tool (cargo, zig, cross, rustup, ...) runs as
/// the leader of a session and process group of its own (through util-linux <c>setsid</c>), so that ending the group
/// ends the whole tree — rustc, build scripts, linkers — even when cargo itself is already gone, and a stopped member
/// is continued so that it can die. The trees end with this process: when it exits
/// (<see cref="AppDomain.ProcessExit"/>), when an exception goes unhandled, and when it receives SIGINT, SIGTERM,
/// SIGHUP or SIGQUIT, which are forwarded to every tree (a terminal sends Ctrl+C to its foreground group only, which
/// no longer holds the tools) unless a host took signals over with <see cref="TakeOverSignals"/>.
/// </summary>
/// <remarks>
/// Elsewhere (Windows, macOS, or without <c>setsid</c>) cancelling a run kills the process tree found from the parent
/// links, as before. Nothing can act when this process is killed with SIGKILL.
/// </remarks>
public static class ChildProcesses
{
    /// <summary>How long a cancelled tree has between SIGTERM and SIGKILL.</summary>
    internal static readonly TimeSpan CancelGrace = TimeSpan.FromSeconds(2);

    private static readonly TimeSpan ExitGrace = TimeSpan.FromSeconds(1);
    private static readonly HashSet<ProcessGroup> Running = [];
    private static readonly List<PosixSignalRegistration> Forwarders = [];
    private static readonly Lazy<string?> Setsid = new(FindSetsid);
    private static int _takeOvers;
    private static bool _hooked;

    /// <summary>
    /// Ends every tree that still runs: SIGTERM and SIGCONT to each group, SIGKILL to what is left after
    /// <paramref name="grace"/> (none when null: a host that is ending at once), and returns once they are gone.
    /// </summary>
    public static void EndAll(TimeSpan? grace = null)
    {
        ProcessGroup[] groups;
        lock (Running)
            groups = [.. Running];
        ProcessGroup.End(groups, grace ?? TimeSpan.Zero);
    }

    /// <summary>
    /// Tells the library that the host handles SIGINT, SIGTERM, SIGHUP and SIGQUIT itself, until the returned object is
    /// disposed: the library no longer forwards them to the trees, and the host ends them — by cancelling the token it
    /// passed to the tools (which ends their trees), or with <see cref="EndAll"/> when it must end at once.
    /// </summary>
    public static IDisposable TakeOverSignals()
    {
        Interlocked.Increment(ref _takeOvers);
        return new TakeOver();
    }

    /// <summary>True when tools run in process groups of their own here (Linux with <c>setsid</c>).</summary>
    internal static bool UsesOwnGroups => Setsid.Value is not null;

    /// <summary>The command that starts <paramref name="executable"/> as the leader of a new session: <c>setsid EXECUTABLE ARGS...</c>.</summary>
    /// <remarks>
    /// The child .NET forks is never a group leader, so <c>setsid</c> calls setsid(2) and execs the tool in place, without
    /// forking: the pid we get is the tool's own, and the group's id. A new session rather than only a new group: with
    /// no controlling terminal its members never receive the terminal's job-control stops (SIGTTIN, SIGTTOU).
    /// </remarks>
    internal static (string FileName, IReadOnlyList<string> Arguments) InOwnSession(string executable, IReadOnlyList<string> arguments) =>
        (Setsid.Value ?? throw new InvalidOperationException("setsid is not available."), [executable, .. arguments]);

    /// <summary>
    /// Keeps track of a tree from just before its leader starts (a signal that arrives before the pid is known is passed
    /// on once it is, see <see cref="ProcessGroup.Started"/>) until <see cref="Untrack"/>.
    /// </summary>
    internal static ProcessGroup Track()
    {
        var group = new ProcessGroup();
        lock (Running)
        {
            HookOnce();
            Running.Add(group);
        }

        return group;
    }

    internal static void Untrack(ProcessGroup group)
    {
        lock (Running)
            Running.Remove(group);
    }

    private static void HookOnce()
    {
        if (_hooked)
            return;
        _hooked = true;
        AppDomain.CurrentDomain.ProcessExit += (_, _) => EndAll(ExitGrace);
        AppDomain.CurrentDomain.UnhandledException += (_, _) => EndAll(ExitGrace);
        foreach (var signal in new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM, PosixSignal.SIGHUP, PosixSignal.SIGQUIT })
            Forwarders.Add(PosixSignalRegistration.Create(signal, Forward));
    }

    /// <summary>Passes the signal on and leaves its handling (and this process's default action) to whoever else registered.</summary>
    private static void Forward(PosixSignalContext context)
    {
        if (Volatile.Read(ref _takeOvers) > 0)
            return;
        ProcessGroup[] groups;
        lock (Running)
            groups = [.. Running];
        foreach (var group in groups)
            group.Forward(context.Signal);
    }

    private static string? FindSetsid()
    {
        if (!OperatingSystem.IsLinux())
            return null;
        return new[] { "/usr/bin/setsid", "/bin/setsid" }.FirstOrDefault(EnvironmentView.IsExecutableFile)
               ?? new EnvironmentView().FindOnPath("setsid");
    }

    private sealed class TakeOver : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
                Interlocked.Decrement(ref _takeOvers);
        }
    }
}
