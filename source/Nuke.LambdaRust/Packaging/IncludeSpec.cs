namespace Nuke.LambdaRust.Packaging;

/// <summary>
/// One <c>include</c> value, <c>SRC</c> or <c>DEST:SRC</c>, resolved against the workspace root into zip entries.
/// A source must exist and stay inside the workspace, so a typo or a <c>../secrets</c> never ships silently.
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

    /// <summary>The zip entries this include adds, sorted; throws when the source is missing or outside the workspace.</summary>
    public IReadOnlyList<ZipEntrySource> Resolve(string workspaceRoot, string? packageDirectory = null)
    {
        var root = Path.GetFullPath(workspaceRoot);
        var baseDirectory = root;
        if (packageDirectory is not null)
        {
            var inPackage = Path.GetFullPath(Source, packageDirectory);
            if (File.Exists(inPackage) || Directory.Exists(inPackage))
                baseDirectory = Path.GetFullPath(packageDirectory);
        }

        var source = Path.GetFullPath(Source, baseDirectory);

        EnsureInside(root, source);
        if (File.Exists(source))
        {
            var entry = Destination switch
            {
                null => Relative(baseDirectory, source),
                _ when Destination.EndsWith('/') => Destination + Path.GetFileName(source),
                _ => Destination,
            };
            return [Entry(Normalize(entry), source, root)];
        }

        if (Directory.Exists(source))
        {
            var prefix = Normalize(Destination ?? Relative(baseDirectory, source)).TrimEnd('/');
            return Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories)
                .Select(file => Entry(Normalize(prefix.Length == 0 ? Relative(source, file) : prefix + "/" + Relative(source, file)), file, root))
                .OrderBy(e => e.EntryPath, StringComparer.Ordinal)
                .ToList();
        }

        throw new LambdaRustException(
            $"The include '{Source}' ({Origin}) does not exist at {source}.",
            packageDirectory is null
                ? "--include paths are relative to the workspace root; fix the path or create the file."
                : $"Config include paths are relative to the package folder ({packageDirectory}) or the workspace root; fix the path or create the file.");
    }

    private ZipEntrySource Entry(string entryPath, string file, string root)
    {
        var target = new FileInfo(file).ResolveLinkTarget(returnFinalTarget: true);
        if (target is not null)
            EnsureInside(root, target.FullName);
        if (entryPath.Length == 0 || entryPath.Split('/').Any(part => part is ".." or "."))
            throw new LambdaRustException($"The include '{Source}' ({Origin}) maps to the zip path '{entryPath}', which is not a valid relative path.",
                "Use DEST:SRC with a relative DEST such as config/app.toml.");
        var executable = !OperatingSystem.IsWindows() && (File.GetUnixFileMode(file) & UnixFileMode.UserExecute) != 0;
        return new ZipEntrySource(entryPath, file, executable);
    }

    private void EnsureInside(string root, string path)
    {
        var rootWithSeparator = root.EndsWith(Path.DirectorySeparatorChar) ? root : root + Path.DirectorySeparatorChar;
        if (!path.StartsWith(rootWithSeparator, OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal))
        {
            throw new LambdaRustException(
                $"The include '{Source}' ({Origin}) points outside the workspace ({path}).",
                $"Only files inside {root} can be included; copy the file into the workspace.");
        }
    }

    private static string Relative(string from, string path) => Path.GetRelativePath(from, path);

    private static string Normalize(string path) => path.Replace('\\', '/').TrimStart('/');
}
