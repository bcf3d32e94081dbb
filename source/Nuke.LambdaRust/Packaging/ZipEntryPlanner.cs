namespace Nuke.LambdaRust.Packaging;

/// <summary>
/// Turns the caller's entries into the exact, ordered list a reproducible zip stores: paths checked, and everything
/// sorted by ordinal name so input order cannot change the bytes. Folders are entries only where given (an include's
/// folders, <c>extensions/</c>), as in cargo-lambda's zips; a file given twice from the same source is stored once
/// (cargo-lambda keys its includes the same way), from two sources it is an error.
/// </summary>
internal static class ZipEntryPlanner
{
    /// <summary>Checks and orders the entries.</summary>
    /// <exception cref="LambdaRustException">A path is empty, absolute, contains <c>..</c>, or is given twice with different sources.</exception>
    public static IReadOnlyList<PlannedZipEntry> Plan(IEnumerable<ZipEntrySource> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);

        var files = new Dictionary<string, ZipEntrySource>(StringComparer.Ordinal);
        var directories = new HashSet<string>(StringComparer.Ordinal);
        var parents = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            ArgumentNullException.ThrowIfNull(entry);
            var path = Normalize(entry);
            if (entry.IsDirectory)
            {
                directories.Add(path);
                AddParents(parents, path);
                continue;
            }

            if (files.TryGetValue(path, out var previous))
            {
                if (SameSource(previous, entry))
                    continue;
                throw new LambdaRustException(
                    $"The zip entry '{path}' is given twice: from '{previous.Origin}' and from '{entry.Origin}'.",
                    "Give each file in the package a distinct path (check includes that overlap).");
            }

            files.Add(path, entry);
            AddParents(parents, path);
        }

        foreach (var path in files.Keys.Where(p => directories.Contains(p) || parents.Contains(p)))
        {
            throw new LambdaRustException(
                $"The zip entry '{path}' is both a file (from '{files[path].Origin}') and a folder that holds other entries.",
                "Rename the file or the folder so that the package paths do not collide.");
        }

        return files.Select(f => new PlannedZipEntry(f.Key, f.Value))
            .Concat(directories.Select(d => new PlannedZipEntry(d + "/", null)))
            .OrderBy(e => e.Name, StringComparer.Ordinal)
            .ToList();
    }

    private static bool SameSource(ZipEntrySource a, ZipEntrySource b) =>
        a.SourceFile is not null && a.Content is null && b.Content is null && a.Executable == b.Executable
        && string.Equals(a.SourceFile, b.SourceFile, StringComparison.Ordinal);

    private static void AddParents(HashSet<string> parents, string path)
    {
        for (var slash = path.LastIndexOf('/'); slash > 0; slash = path.LastIndexOf('/'))
        {
            path = path[..slash];
            if (!parents.Add(path))
                return;
        }
    }

    /// <summary>The entry's path without a trailing <c>/</c>, after checking it is a safe relative path.</summary>
    private static string Normalize(ZipEntrySource entry)
    {
        var path = entry.EntryPath;
        const string fix = "Use a relative path with '/' separators inside the package, e.g. 'bootstrap' or 'extensions/my-extension'.";
        if (string.IsNullOrWhiteSpace(path))
            throw new LambdaRustException($"A zip entry for '{entry.Origin}' has an empty path.", fix);

        if (path.Contains('\\'))
            throw new LambdaRustException($"The zip entry path '{path}' contains '\\'; zip paths use '/' on every OS.", fix);

        if (path.StartsWith('/') || (path.Length >= 2 && path[1] == ':' && char.IsAsciiLetter(path[0])))
            throw new LambdaRustException($"The zip entry path '{path}' is absolute; Lambda would extract it outside the package.", fix);

        if (path.Any(char.IsControl))
            throw new LambdaRustException($"The zip entry path '{path}' contains a control character.", fix);

        var trimmed = entry.IsDirectory ? path.TrimEnd('/') : path;
        if (trimmed.Length == 0 || trimmed.EndsWith('/'))
            throw new LambdaRustException($"The zip entry path '{path}' ends with '/' but '{entry.Origin}' is a file.", fix);

        foreach (var segment in trimmed.Split('/'))
        {
            if (segment is "" or "." or "..")
                throw new LambdaRustException($"The zip entry path '{path}' contains an empty, '.' or '..' segment.", fix);
        }

        return trimmed;
    }
}
