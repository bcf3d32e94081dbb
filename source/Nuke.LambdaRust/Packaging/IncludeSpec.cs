namespace Nuke.LambdaRust.Packaging;

/// <summary>
/// One <c>include</c> value, <c>SRC</c> or <c>DEST:SRC</c>, resolved into zip entries. A source must exist, and every file
/// and every folder walked must really lie inside the allowed root once symbolic links are resolved, so a typo, a
/// <c>../secrets</c> or a link to <c>/etc</c> never ships silently. Only regular files are read: a FIFO, socket or device
/// is refused before anything opens it.
/// Includes from a package's config are looked up in the package's folder first, then in the workspace root
/// (cargo-lambda resolves them from where it runs, which is one of the two); <c>--include</c> values start at the root.
/// </summary>
internal sealed record IncludeSpec(string Source, string? Destination, string Origin)
{
    public static IncludeSpec Parse(string value, string origin)
    {
        var colon = value.IndexOf(':');
        // "C:\..." is a Windows drive, not DEST:SRC.
        var isDrive = colon == 1 && value.Length > 2 && (value[2] == '\\' || value[2] == '/');
        if (colon > 0 && !isDrive)
            return new IncludeSpec(value[(colon + 1)..], value[..colon], origin);
        return new IncludeSpec(value, null, origin);
    }

    /// <summary>The zip entries this include adds, sorted.</summary>
    /// <param name="allowedRoot">Where every included file and walked folder must really be (links resolved): the workspace root today.</param>
    /// <param name="workspaceRoot">Where relative sources start (after <paramref name="packageDirectory"/>).</param>
    /// <param name="packageDirectory">The folder of the package whose config names the include; null for <c>--include</c>.</param>
    /// <param name="cancellationToken">Stops the walk of a large folder.</param>
    /// <exception cref="LambdaRustException">
    /// The source is missing, outside the allowed root (lexically or through a link), holds a link loop or a file that is not regular.
    /// </exception>
    public IReadOnlyList<ZipEntrySource> Resolve(string allowedRoot, string workspaceRoot, string? packageDirectory = null, CancellationToken cancellationToken = default)
    {
        var root = Path.GetFullPath(allowedRoot);
        var realRoot = RealPath.Resolve(root) ?? throw new LambdaRustException(
            $"The folder includes may come from ({root}) cannot be resolved: its path holds a loop of symbolic links.",
            "Fix the links in the path of the workspace.");
        var baseDirectory = Path.GetFullPath(workspaceRoot);
        if (packageDirectory is not null && FileKindProbe.Of(Path.GetFullPath(Source, packageDirectory)) != FileKind.Missing)
            baseDirectory = Path.GetFullPath(packageDirectory);

        var source = Path.GetFullPath(Source, baseDirectory);
        if (!RealPath.IsInside(root, source))
        {
            throw new LambdaRustException(
                $"The include '{Source}' ({Origin}) points outside {root} ({source}).",
                $"Only files inside {root} can be included; copy the file there.");
        }

        var real = RealPath.Resolve(source) ?? throw LinkChainTooLong(source);
        if (!RealPath.IsInside(realRoot, real))
        {
            var link = EscapingLink(root, realRoot, source);
            throw Outside(link, real, root);
        }

        var walk = new Walk(realRoot, root, cancellationToken);
        switch (FileKindProbe.Of(real))
        {
            case FileKind.Regular:
                var entry = Destination switch
                {
                    null => Path.GetRelativePath(baseDirectory, source),
                    _ when Destination.EndsWith('/') => Destination + Path.GetFileName(source),
                    _ => Destination,
                };
                return [FileEntry(Normalize(entry), real)];

            case FileKind.Directory:
                var prefix = Normalize(Destination ?? Path.GetRelativePath(baseDirectory, source)).TrimEnd('/');
                if (prefix == ".")
                    prefix = "";
                // Folders are entries of their own, as cargo-lambda writes them (the include's root and every folder in it).
                var entries = new List<ZipEntrySource>();
                if (prefix.Length > 0)
                    entries.Add(FolderEntry(prefix));
                WalkFolder(walk, source, real, prefix, [real], entries);
                return entries.OrderBy(e => e.EntryPath, StringComparer.Ordinal).ToList();

            case FileKind.Missing when FileKindProbe.Of(source) == FileKind.SymbolicLink:
                throw new LambdaRustException(
                    $"The include '{Source}' ({Origin}) is the symbolic link {source} -> {LinkText(source)}, which leads to {real}: it does not exist.",
                    "Fix or remove the dangling link, or point the include at the files themselves.");

            case FileKind.Missing:
                throw new LambdaRustException(
                    $"The include '{Source}' ({Origin}) does not exist at {source}.",
                    packageDirectory is null
                        ? "--include paths are relative to the workspace root; fix the path or create the file."
                        : $"Config include paths are relative to the package folder ({packageDirectory}) or the workspace root; fix the path or create the file.");

            case var kind:
                throw NotRegular(source, kind);
        }
    }

    /// <summary>Adds the regular files below <paramref name="realFolder"/>, following links that stay inside the root.</summary>
    /// <param name="walk">The roots and the cancellation of this resolution.</param>
    /// <param name="folder">The folder as the user sees it (through links), for messages.</param>
    /// <param name="realFolder">Where the folder really is.</param>
    /// <param name="prefix">The zip path of the folder ("" at the zip root).</param>
    /// <param name="ancestors">The real folders being walked, outermost first: a link back to one of them is a loop.</param>
    /// <param name="entries">Where the files go.</param>
    private void WalkFolder(Walk walk, string folder, string realFolder, string prefix, List<string> ancestors, List<ZipEntrySource> entries)
    {
        string[] names;
        try
        {
            names = Directory.EnumerateFileSystemEntries(realFolder).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray()!;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new LambdaRustException(
                $"The include '{Source}' ({Origin}): the folder {folder} cannot be read: {exception.Message}",
                "Check the folder's permissions, or leave it out of the include.",
                exception);
        }

        foreach (var name in names)
        {
            walk.CancellationToken.ThrowIfCancellationRequested();
            var shown = Path.Combine(folder, name);
            var physical = Path.Combine(realFolder, name);
            var entryPath = prefix.Length == 0 ? name : prefix + "/" + name;
            var kind = FileKindProbe.Of(physical);
            if (kind == FileKind.SymbolicLink)
            {
                physical = RealPath.Resolve(physical) ?? throw LinkChainTooLong(shown);
                if (!RealPath.IsInside(walk.RealRoot, physical))
                    throw Outside(shown, physical, walk.Root);
                kind = FileKindProbe.Of(physical);
                if (kind == FileKind.Missing)
                {
                    throw new LambdaRustException(
                        $"The include '{Source}' ({Origin}) holds the symbolic link {shown} -> {LinkText(shown)}, which leads to {physical}: it does not exist.",
                        "Fix or remove the dangling link.");
                }
            }

            switch (kind)
            {
                case FileKind.Directory when ancestors.Contains(physical):
                    throw new LambdaRustException(
                        $"The include '{Source}' ({Origin}) holds a symbolic link loop: {shown} -> {LinkText(shown)} leads back to {physical}, a folder that contains the link.",
                        "Remove the link, or include the folders you need one by one so that the loop is not walked.");
                case FileKind.Directory:
                    entries.Add(FolderEntry(entryPath));
                    ancestors.Add(physical);
                    WalkFolder(walk, shown, physical, entryPath, ancestors, entries);
                    ancestors.RemoveAt(ancestors.Count - 1);
                    break;
                case FileKind.Regular:
                    entries.Add(FileEntry(entryPath, physical));
                    break;
                case FileKind.Missing:
                    throw new LambdaRustException(
                        $"The include '{Source}' ({Origin}): {shown} disappeared while the folder was being read.",
                        "Make sure nothing changes the included files while packaging, then package again.");
                default:
                    throw NotRegular(shown, kind);
            }
        }
    }

    private static ZipEntrySource FolderEntry(string entryPath) => ZipEntrySource.ForDirectory(entryPath + "/");

    private ZipEntrySource FileEntry(string entryPath, string realFile)
    {
        if (entryPath.Length == 0 || entryPath.Split('/').Any(part => part is ".." or "."))
            throw new LambdaRustException($"The include '{Source}' ({Origin}) maps to the zip path '{entryPath}', which is not a valid relative path.",
                "Use DEST:SRC with a relative DEST such as config/app.toml.");
        var executable = !OperatingSystem.IsWindows() && (File.GetUnixFileMode(realFile) & UnixFileMode.UserExecute) != 0;
        return new ZipEntrySource(entryPath, realFile, executable);
    }

    /// <summary>The first component of <paramref name="source"/> whose real path leaves the root: the link to blame.</summary>
    private static string EscapingLink(string root, string realRoot, string source)
    {
        var prefix = root;
        foreach (var part in Path.GetRelativePath(root, source).Split(Path.DirectorySeparatorChar))
        {
            prefix = Path.Combine(prefix, part);
            if (RealPath.Resolve(prefix) is not { } real || !RealPath.IsInside(realRoot, real))
                return prefix;
        }

        return source;
    }

    private LambdaRustException Outside(string link, string real, string root) => new(
        $"The include '{Source}' ({Origin}) leads outside {root}, to {real}, through the symbolic link {link} -> {LinkText(link)}.",
        $"Only files really inside {root} can be included: replace the link with a copy of what it points to, or leave it out of the include.");

    private LambdaRustException LinkChainTooLong(string path) => new(
        $"The include '{Source}' ({Origin}): resolving {path} follows more than {RealPath.MaxLinks} symbolic links, a loop of links.",
        "Remove the links that point at each other.");

    private LambdaRustException NotRegular(string path, FileKind kind) => new(
        $"The include '{Source}' ({Origin}) holds {path}, which is {FileKindProbe.Describe(kind)}, not a regular file: {Why(kind)}.",
        "Move it out of the included folder, or include the regular files you need one by one (DEST:SRC).");

    private static string Why(FileKind kind) => kind switch
    {
        FileKind.Fifo => "reading it would wait, forever, for another process to write to it",
        FileKind.CharacterDevice or FileKind.BlockDevice => "reading a device may never end, and Lambda could not use it anyway",
        _ => "only regular files can be stored in a zip",
    };

    private static string LinkText(string link) => new FileInfo(link).LinkTarget ?? "?";

    private static string Normalize(string path) => path.Replace('\\', '/').TrimStart('/');

    /// <summary>What one resolution carries down the walk.</summary>
    private sealed record Walk(string RealRoot, string Root, CancellationToken CancellationToken);
}
