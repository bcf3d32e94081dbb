namespace Nuke.LambdaRust.Packaging;

/// <summary>
/// Where a path really leads, resolved as the kernel does: component by component, each symbolic link followed where it
/// is met (a relative target from the link's own folder), so a link to a folder anywhere along the path counts.
/// <see cref="Path.GetFullPath(string)"/> is only lexical, and <see cref="FileSystemInfo.ResolveLinkTarget"/> follows only
/// the last component.
/// </summary>
internal static class RealPath
{
    /// <summary>How many links one resolution may follow before it counts as a loop (Linux's limit for <c>ELOOP</c>).</summary>
    public const int MaxLinks = 40;

    private static readonly char[] Separators = [Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar];

    /// <summary>
    /// The real, absolute path of <paramref name="path"/> (relative to the current folder); components that do not exist are
    /// kept as written. Null when following the links takes more than <see cref="MaxLinks"/> steps: a link loop.
    /// </summary>
    public static string? Resolve(string path)
    {
        // Not Path.GetFullPath: it would fold "link/.." lexically, where the kernel goes to the parent of the link's target.
        var full = Path.IsPathFullyQualified(path) ? path : Path.Combine(Environment.CurrentDirectory, path);
        var current = Path.GetPathRoot(full)!;
        var pending = new Stack<string>();
        PushComponents(pending, full[current.Length..]);
        var links = 0;
        while (pending.TryPop(out var part))
        {
            if (part is "" or ".")
                continue;
            if (part == "..")
            {
                current = Path.GetDirectoryName(current) ?? current;
                continue;
            }

            var next = Path.Combine(current, part);
            if (FileKindProbe.Of(next) != FileKind.SymbolicLink)
            {
                current = next;
                continue;
            }

            if (++links > MaxLinks)
                return null;
            var target = new FileInfo(next).LinkTarget ?? "";
            if (Path.IsPathRooted(target))
            {
                current = Path.GetPathRoot(target)!;
                target = target[current.Length..];
            }

            PushComponents(pending, target);
        }

        return current;
    }

    /// <summary>True when <paramref name="path"/> is <paramref name="root"/> or lies below it (both already full paths).</summary>
    public static bool IsInside(string root, string path)
    {
        var comparison = OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        var trimmedRoot = root.Length > 1 ? root.TrimEnd(Separators) : root;
        if (string.Equals(trimmedRoot, path.TrimEnd(Separators), comparison))
            return true;
        var withSeparator = trimmedRoot.EndsWith(Path.DirectorySeparatorChar) ? trimmedRoot : trimmedRoot + Path.DirectorySeparatorChar;
        return path.StartsWith(withSeparator, comparison);
    }

    private static void PushComponents(Stack<string> pending, string relative)
    {
        var parts = relative.Split(Separators);
        for (var i = parts.Length - 1; i >= 0; i--)
            pending.Push(parts[i]);
    }
}
