namespace Nuke.LambdaRust.Processes;

/// <summary>
/// The process environment seen through a set of overrides (a null value hides a variable), and executable
/// lookup on the PATH it describes. Lets callers and tests decide what "the environment" is without mutating
/// the real one.
/// </summary>
internal sealed class EnvironmentView
{
    private static readonly IReadOnlyDictionary<string, string?> NoOverrides = new Dictionary<string, string?>();

    public EnvironmentView(IReadOnlyDictionary<string, string?>? overrides = null) => Overrides = overrides ?? NoOverrides;

    /// <summary>The overrides, to hand to child processes so that they see the same environment.</summary>
    public IReadOnlyDictionary<string, string?> Overrides { get; }

    /// <summary>A variable's value (null when unset or hidden).</summary>
    public string? Get(string name)
    {
        foreach (var (key, value) in Overrides)
        {
            if (string.Equals(key, name, OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal))
                return value;
        }

        return Environment.GetEnvironmentVariable(name);
    }

    /// <summary>A variable's value when it is set to something other than blanks.</summary>
    public string? GetNonEmpty(string name) => Get(name) is { } value && !string.IsNullOrWhiteSpace(value) ? value : null;

    /// <summary>The user's home directory as this environment says.</summary>
    public string? Home => GetNonEmpty(OperatingSystem.IsWindows() ? "USERPROFILE" : "HOME")
                           ?? NullIfEmpty(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile));

    /// <summary>The directories of PATH, in order.</summary>
    public IReadOnlyList<string> PathDirectories =>
        (Get("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>The first executable called <paramref name="name"/> on PATH, as a full path.</summary>
    public string? FindOnPath(string name)
    {
        foreach (var directory in PathDirectories)
        {
            var found = FindIn(directory, name);
            if (found is not null)
                return found;
        }

        return null;
    }

    /// <summary>The executable called <paramref name="name"/> in <paramref name="directory"/> (with PATHEXT on Windows).</summary>
    public string? FindIn(string directory, string name)
    {
        foreach (var candidate in FileNames(name))
        {
            string path;
            try
            {
                path = Path.GetFullPath(Path.Combine(directory, candidate));
            }
            catch (Exception exception) when (exception is ArgumentException or NotSupportedException or PathTooLongException)
            {
                continue;
            }

            if (IsExecutableFile(path))
                return path;
        }

        return null;
    }

    /// <summary>
    /// An executable given as a path (that must exist) or as a name looked up on PATH, as a shell would; null when
    /// there is none.
    /// </summary>
    public string? FindExecutable(string nameOrPath) =>
        LooksLikePath(nameOrPath)
            ? File.Exists(nameOrPath) ? Path.GetFullPath(nameOrPath) : null
            : FindOnPath(nameOrPath);

    /// <summary>True when <paramref name="value"/> names a file by path rather than a command to look up on PATH.</summary>
    public static bool LooksLikePath(string value) =>
        value.Contains(Path.DirectorySeparatorChar) || value.Contains(Path.AltDirectorySeparatorChar) || Path.IsPathRooted(value);

    /// <summary>A regular file this user may execute.</summary>
    public static bool IsExecutableFile(string path)
    {
        if (!File.Exists(path))
            return false;
        if (OperatingSystem.IsWindows())
            return true;
        const UnixFileMode anyExecute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
        return (File.GetUnixFileMode(path) & anyExecute) != 0;
    }

    private IReadOnlyList<string> FileNames(string name) => CandidateFileNames(name, OperatingSystem.IsWindows(), Get("PATHEXT"));

    /// <summary>
    /// The file names to try for <paramref name="name"/> in one folder, in order. Off Windows: the name. On Windows: the
    /// name alone when its extension is in PATHEXT; otherwise the PATHEXT names first, and the bare name last only when
    /// it has an extension of its own (npm puts an sh shim <c>zig</c> beside <c>zig.cmd</c>, which Windows cannot run).
    /// </summary>
    internal static IReadOnlyList<string> CandidateFileNames(string name, bool windows, string? pathExt)
    {
        if (!windows)
            return [name];

        var extensions = (string.IsNullOrWhiteSpace(pathExt) ? ".COM;.EXE;.BAT;.CMD" : pathExt)
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(extension => extension.ToLowerInvariant())
            .ToList();
        var ownExtension = Path.GetExtension(name);
        if (extensions.Contains(ownExtension, StringComparer.OrdinalIgnoreCase))
            return [name];

        var names = extensions.Select(extension => name + extension).ToList();
        if (ownExtension.Length > 0)
            names.Add(name);
        return names;
    }

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}
