using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace Nuke.LambdaRust.Processes;

/// <summary>
/// A child started as the leader of a session and process group of its own (through <c>setsid</c>), so that it and
/// everything it starts — cargo, rustc, build scripts, linkers — can be signalled and ended together, and waited
/// for until none of them is left. Linux only: membership is read from <c>/proc</c>.
/// </summary>
internal sealed class ProcessGroup
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan KillWait = TimeSpan.FromSeconds(10);
    private readonly object _gate = new();
    private PosixSignal? _forwarded;
    private bool _endRequested;

    /// <summary>The group's id: the pid of the process we started, which <c>setsid</c> made the group's leader; 0 until it started.</summary>
    public int Id { get; private set; }

    /// <summary>The signal this process forwarded to the group (for a host that does not handle signals itself), if any.</summary>
    public PosixSignal? ForwardedSignal
    {
        get
        {
            lock (_gate)
                return _forwarded;
        }
    }

    /// <summary>True when <see cref="End"/> was asked for before the leader had started: the starter must end it.</summary>
    public bool EndRequested
    {
        get
        {
            lock (_gate)
                return _endRequested;
        }
    }

    /// <summary>Sets the id once the leader runs, and passes on a signal that arrived in between.</summary>
    public void Started(int leaderId)
    {
        PosixSignal? forwarded;
        lock (_gate)
        {
            Id = leaderId;
            forwarded = _forwarded;
        }

        if (forwarded is { } signal)
            Forward(signal);
    }

    /// <summary>Sends the group the signal this process received, as a terminal would have sent it to the group.</summary>
    public void Forward(PosixSignal signal)
    {
        lock (_gate)
            _forwarded = signal;
        Signal(UnixSignals.Number(signal));
        Signal(UnixSignals.Continue);
    }

    /// <summary>
    /// Signals every member. Until <c>setsid</c> has run in the child the group does not exist yet; the child itself
    /// (not yet running the tool, so without children of its own) is signalled then.
    /// </summary>
    public void Signal(int signal)
    {
        var id = Id;
        if (id != 0 && !UnixSignals.Send(-id, signal) && IsChildOfThisProcess(id))
            UnixSignals.Send(id, signal);
    }

    /// <summary>
    /// Ends the groups: SIGTERM and SIGCONT (a stopped process acts on SIGTERM only once it runs again), then, for what
    /// is still there after <paramref name="grace"/>, SIGKILL. Returns once no member is left (zombies waiting for
    /// their parent to reap them do not run and do not count), or after a bounded wait if the kernel keeps one alive.
    /// </summary>
    public static void End(IReadOnlyCollection<ProcessGroup> groups, TimeSpan grace)
    {
        foreach (var group in groups.Where(g => g.Id == 0))
        {
            lock (group._gate)
                group._endRequested = true;
        }

        groups = groups.Where(g => g.Id != 0).ToList();
        if (groups.Count == 0)
            return;
        foreach (var group in groups)
        {
            group.Signal(UnixSignals.Terminate);
            group.Signal(UnixSignals.Continue);
        }

        if (WaitUntilGone(groups, grace))
            return;
        foreach (var group in groups)
            group.Signal(UnixSignals.Kill);
        WaitUntilGone(groups, KillWait);
    }

    /// <summary>True while a member of the group exists and is not a zombie.</summary>
    public bool HasLiveMembers() => LiveGroupIds().Contains(Id);

    private static bool WaitUntilGone(IReadOnlyCollection<ProcessGroup> groups, TimeSpan timeout)
    {
        var stopwatch = Stopwatch.StartNew();
        while (true)
        {
            var live = LiveGroupIds();
            if (!groups.Any(g => live.Contains(g.Id)))
                return true;
            if (stopwatch.Elapsed >= timeout)
                return false;
            Thread.Sleep(Poll);
        }
    }

    /// <summary>The process group ids of every process that is not a zombie, from <c>/proc/&lt;pid&gt;/stat</c>.</summary>
    private static HashSet<int> LiveGroupIds()
    {
        var ids = new HashSet<int>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
                continue;
            if (ReadStat(pid) is { } stat && stat.State is not ('Z' or 'X' or 'x'))
                ids.Add(stat.GroupId);
        }

        return ids;
    }

    private static bool IsChildOfThisProcess(int pid) => ReadStat(pid) is { } stat && stat.ParentId == Environment.ProcessId;

    /// <summary>The state, parent and group of a process; null when it is gone. The name in parentheses may hold anything, even ')'.</summary>
    private static (char State, int ParentId, int GroupId)? ReadStat(int pid)
    {
        string text;
        try
        {
            text = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        var nameEnd = text.LastIndexOf(')');
        if (nameEnd < 0 || nameEnd + 2 >= text.Length)
            return null;
        var fields = text[(nameEnd + 2)..].Split(' ');
        return fields.Length > 2
               && int.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var parent)
               && int.TryParse(fields[2], NumberStyles.None, CultureInfo.InvariantCulture, out var group)
            ? (fields[0][0], parent, group)
            : null;
    }
}
