namespace Nuke.LambdaRust.Tools;

/// <summary>Finds an executable the way a shell would: an explicit path as is, a bare name on PATH (with PATHEXT on Windows).</summary>
internal static class ExecutableSearch
{
    public static string? Find(string name, IReadOnlyDictionary<string, string?>? environment = null)
    {
        if (name.Contains('/') || name.Contains('\\'))
            return File.Exists(name) ? Path.GetFullPath(name) : null;

        var path = environment?.GetValueOrDefault("PATH") ?? Environment.GetEnvironmentVariable("PATH") ?? "";
        var extensions = OperatingSystem.IsWindows()
            ? (Environment.GetEnvironmentVariable("PATHEXT") ?? ".EXE;.CMD;.BAT").Split(';').Prepend("")
            : [""];
        foreach (var directory in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (var extension in extensions)
            {
                var candidate = Path.Combine(directory, name + extension);
                if (File.Exists(candidate))
                    return candidate;
            }
        }

        return null;
    }
}
