namespace Nuke.LambdaRust.Tests.Runtime;

/// <summary>Finds a tool a test needs; a missing one fails the test with what to install (never a skip).</summary>
internal static class RequiredTool
{
    /// <summary>The full path of <paramref name="name"/> on PATH (or in the extra folders), else a failure naming the package.</summary>
    public static string Find(string name, string install, params string[] extraFolders)
    {
        var folders = (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Concat(extraFolders);
        return folders.Select(folder => Path.Combine(folder, name)).FirstOrDefault(File.Exists)
               ?? throw new InvalidOperationException($"'{name}' is required by this test but was not found on PATH. {install}");
    }

    /// <summary>An existing file or folder the test needs, else a failure naming the package.</summary>
    public static string Existing(string path, string install) =>
        File.Exists(path) || Directory.Exists(path)
            ? path
            : throw new InvalidOperationException($"'{path}' is required by this test but does not exist. {install}");
}
