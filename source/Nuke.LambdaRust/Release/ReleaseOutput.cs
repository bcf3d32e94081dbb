namespace Nuke.LambdaRust.Release;

/// <summary>
/// A release folder being written: everything goes into a temporary folder beside it, which replaces it only once
/// complete (<see cref="Commit"/>). A release that fails leaves the previous one as it was and no temporary folder
/// behind. A folder that is not a release (no manifest.json, not empty) is never replaced.
/// </summary>
internal sealed class ReleaseOutput : IDisposable
{
    private bool _committed;

    private ReleaseOutput(string directory, string staging)
    {
        Directory = directory;
        Staging = staging;
    }

    /// <summary>The release folder.</summary>
    public string Directory { get; }

    /// <summary>The temporary folder the release is written to.</summary>
    public string Staging { get; }

    /// <summary>Checks <paramref name="directory"/> and creates the temporary folder beside it.</summary>
    /// <param name="directory">The release folder (need not exist).</param>
    /// <param name="origin">How the user set it, for errors (<c>--output</c>).</param>
    /// <exception cref="LambdaRustException">The folder cannot be written, or holds something that is not a release.</exception>
    public static ReleaseOutput Open(string directory, string origin)
    {
        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory));
        if (File.Exists(full))
        {
            throw new LambdaRustException(
                $"The release folder '{full}' ({origin}) is a file.",
                $"Point {origin} at a folder (or a path that does not exist yet), or move the file away.");
        }

        if (System.IO.Directory.Exists(full) && !File.Exists(Path.Combine(full, ReleaseManifest.FileName))
            && System.IO.Directory.EnumerateFileSystemEntries(full).Any())
        {
            throw new LambdaRustException(
                $"The release folder '{full}' ({origin}) holds files but no {ReleaseManifest.FileName}: it is not a release, and a release replaces its folder as a whole.",
                $"Point {origin} at an empty or new folder, or at an earlier release's folder.");
        }

        var parent = Path.GetDirectoryName(full) ?? throw new LambdaRustException(
            $"The release folder '{full}' ({origin}) is a drive's root; a release replaces its folder as a whole.", $"Point {origin} at a folder below the root, e.g. artifacts/release.");
        var staging = Path.Combine(parent, $".{Path.GetFileName(full)}.tmp-{Guid.NewGuid():N}");
        try
        {
            System.IO.Directory.CreateDirectory(staging);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new LambdaRustException(
                $"The release folder '{full}' ({origin}) cannot be written: creating '{staging}' failed ({exception.Message}).",
                $"Point {origin} at a writable folder, e.g. artifacts/release, or fix the permissions of '{parent}'.",
                exception);
        }

        return new ReleaseOutput(full, staging);
    }

    /// <summary>A path inside the temporary folder.</summary>
    public string StagedPath(string relative) => Path.Combine(Staging, relative);

    /// <summary>A file of the previous release, when there is one.</summary>
    public string? Previous(string relative) => File.Exists(Path.Combine(Directory, relative)) ? Path.Combine(Directory, relative) : null;

    /// <summary>Replaces the release folder with the temporary one: the old one is renamed aside, then deleted.</summary>
    public void Commit()
    {
        var aside = Path.Combine(Path.GetDirectoryName(Directory)!, $".{Path.GetFileName(Directory)}.old-{Guid.NewGuid():N}");
        var hadPrevious = System.IO.Directory.Exists(Directory);
        try
        {
            if (hadPrevious)
                System.IO.Directory.Move(Directory, aside);
            System.IO.Directory.Move(Staging, Directory);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            if (hadPrevious && !System.IO.Directory.Exists(Directory) && System.IO.Directory.Exists(aside))
                System.IO.Directory.Move(aside, Directory);
            throw new LambdaRustException(
                $"The release could not be moved into '{Directory}': {exception.Message}. The previous release is unchanged.",
                "Close what holds files in the folder open, check its permissions, and run the release again.",
                exception);
        }

        _committed = true;
        if (hadPrevious)
            TryDelete(aside);
    }

    /// <summary>Deletes the temporary folder unless the release was committed.</summary>
    public void Dispose()
    {
        if (!_committed)
            TryDelete(Staging);
    }

    private static void TryDelete(string directory)
    {
        try
        {
            if (System.IO.Directory.Exists(directory))
                System.IO.Directory.Delete(directory, recursive: true);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // Only a leftover temporary folder; the release itself is complete (or untouched).
        }
    }
}
