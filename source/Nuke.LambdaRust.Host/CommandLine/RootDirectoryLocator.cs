namespace Nuke.LambdaRust.Host;

/// <summary>Finds the build's root as NUKE does: <c>--root</c>, else the nearest folder upward holding <c>.nuke</c>, else the working directory.</summary>
internal static class RootDirectoryLocator
{
    public const string MarkerName = ".nuke";

    public static string Find(string? commandLineRoot, string? configuredRoot, string workingDirectory)
    {
        var explicitRoot = commandLineRoot ?? configuredRoot;
        if (explicitRoot is not null)
        {
            var full = Path.GetFullPath(explicitRoot, workingDirectory);
            return Directory.Exists(full)
                ? full
                : throw new LambdaRustException(
                    $"The root directory '{full}'{(commandLineRoot is not null ? " given by --root" : "")} does not exist.",
                    "Give an existing directory, e.g. --root . (the folder that holds .nuke).");
        }

        for (var directory = new DirectoryInfo(workingDirectory); directory is not null; directory = directory.Parent)
        {
            var marker = Path.Combine(directory.FullName, MarkerName);
            if (Directory.Exists(marker) || File.Exists(marker))
                return directory.FullName;
        }

        return Path.GetFullPath(workingDirectory);
    }
}
