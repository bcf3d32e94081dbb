using System.Globalization;

namespace Nuke.LambdaRust.Tests.Support;

/// <summary>What <c>/proc</c> says about the processes on this machine (Linux), read the way <c>ps</c> does.</summary>
internal static class ProcessTable
{
    /// <summary>One process: its pid, state letter (R, S, D, T stopped, Z zombie...), group, session and name.</summary>
    public sealed record Entry(int Pid, char State, int ParentId, int GroupId, int SessionId, string Name)
    {
        /// <summary>Runs or could run again; a zombie only waits for its parent to reap it.</summary>
        public bool IsLive => State is not ('Z' or 'X' or 'x');

        public override string ToString() => $"{Pid} {Name} state {State} group {GroupId}";
    }

    /// <summary>The process <paramref name="pid"/>, or null when it is gone.</summary>
    public static Entry? Find(int pid)
    {
        string text;
        try
        {
            text = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (IOException)
        {
            return null;
        }

        var open = text.IndexOf('(');
        var close = text.LastIndexOf(')');
        var fields = text[(close + 2)..].Split(' ');
        return new Entry(pid, fields[0][0], Int(fields[1]), Int(fields[2]), Int(fields[3]), text[(open + 1)..close]);
    }

    /// <summary>True when <paramref name="pid"/> exists and is not a zombie.</summary>
    public static bool IsLive(int pid) => Find(pid)?.IsLive == true;

    /// <summary>
    /// Every live process whose environment holds <paramref name="name"/>=<paramref name="value"/>: a marker given to a
    /// process finds everything it started, even what was re-parented after its parent died.
    /// </summary>
    public static IReadOnlyList<Entry> LiveWithEnvironment(string name, string value)
    {
        var marker = $"{name}={value}";
        var found = new List<Entry>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
                continue;
            string environment;
            try
            {
                environment = File.ReadAllText(Path.Combine(directory, "environ"));
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                continue;
            }

            if (environment.Split('\0').Contains(marker) && Find(pid) is { IsLive: true } entry)
                found.Add(entry);
        }

        return found;
    }

    private static int Int(string text) => int.Parse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
}
