using Microsoft.Extensions.Logging;
using Nuke.LambdaRust.Cargo;

namespace Nuke.LambdaRust.Release;

/// <summary>
/// Which functions a change since a git ref reaches: a function is in when a file changed in its package, in any path
/// package it depends on (transitively), when a Cargo.lock entry it uses changed, or when workspace-level config
/// changed (the root Cargo.toml, .cargo/config.toml, rust-toolchain, CargoLambda.toml). Uncommitted and untracked
/// files count: they are what this run builds.
/// </summary>
internal static class ChangeDetector
{
    private static readonly string[] WorkspaceConfigFiles =
        ["Cargo.toml", ".cargo/config.toml", ".cargo/config", "rust-toolchain", "rust-toolchain.toml", "CargoLambda.toml"];

    /// <param name="workspace">The loaded workspace.</param>
    /// <param name="functions">The functions to decide on.</param>
    /// <param name="reference">The git ref (<c>origin/main</c>, <c>HEAD~1</c>, a tag or commit).</param>
    /// <param name="origin">How the user spelled the option, for errors (<c>--changed-since</c>).</param>
    /// <param name="offline">Run cargo metadata offline.</param>
    /// <param name="logger">Receives the tools' command lines at debug level.</param>
    /// <param name="cancellationToken">Stops git and cargo.</param>
    public static async Task<IReadOnlyList<FunctionChange>> DetectAsync(
        CargoWorkspace workspace, IReadOnlyList<LambdaFunction> functions, string reference, string origin, bool offline, ILogger logger,
        CancellationToken cancellationToken)
    {
        var repository = await GitRepository.FindAsync(workspace.WorkspaceRoot, logger, cancellationToken).ConfigureAwait(false)
            ?? throw new LambdaRustException(
                $"{origin} needs a git repository, but the workspace {workspace.WorkspaceRoot} is in none (or git is not installed).",
                $"Run it in a git checkout with git on PATH, or drop {origin} to release every function.");
        var commit = await repository.ResolveCommitAsync(reference, origin, cancellationToken).ConfigureAwait(false);
        var changed = await repository.ChangedFilesAsync(commit, cancellationToken).ConfigureAwait(false);
        logger.LogInformation("{Count} files changed since {Reference} ({Commit})", changed.Count, reference, commit[..Math.Min(12, commit.Length)]);

        var configChanges = WorkspaceConfigFiles
            .SelectMany(f => new[] { Path.Combine(workspace.WorkspaceRoot, f), Path.Combine(repository.Root, f) }.Distinct())
            .Where(f => changed.Contains(f, StringComparer.Ordinal) && (Path.GetFileName(f) != "Cargo.toml" || f == workspace.RootManifestPath))
            .Select(f => repository.Relative(f)!)
            .Distinct()
            .ToList();
        if (configChanges.Count > 0)
        {
            var reason = $"workspace config changed: {string.Join(", ", configChanges)}";
            return functions.Select(f => new FunctionChange(f, true, [reason])).ToList();
        }

        var graph = await WorkspaceGraph.LoadAsync(workspace.RootManifestPath, offline, logger, cancellationToken).ConfigureAwait(false);
        var pathPackages = graph.Packages.Where(p => p.Source is null).ToList();
        // A file belongs to the deepest package folder that holds it (a member may sit inside another's folder).
        var filesByPackage = changed
            .Select(file => (File: file, Package: pathPackages.Where(p => IsUnder(file, p.Directory)).MaxBy(p => p.Directory.Length)))
            .Where(x => x.Package is not null)
            .GroupBy(x => x.Package!.Id, x => x.File)
            .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);

        var lockPath = Path.Combine(workspace.WorkspaceRoot, "Cargo.lock");
        var lockChanged = changed.Contains(lockPath, StringComparer.Ordinal);
        CargoLockEntries? before = null, now = null;
        if (lockChanged && repository.Relative(lockPath) is not null)
        {
            var oldText = await repository.ReadAtAsync(commit, lockPath, cancellationToken).ConfigureAwait(false);
            before = oldText is null ? CargoLockEntries.Empty : CargoLockEntries.Parse(oldText, $"Cargo.lock at {reference}");
            now = File.Exists(lockPath) ? CargoLockEntries.Parse(await File.ReadAllTextAsync(lockPath, cancellationToken).ConfigureAwait(false), lockPath) : CargoLockEntries.Empty;
        }

        var result = new List<FunctionChange>();
        foreach (var function in functions)
        {
            var package = graph.Member(function.ManifestPath);
            if (package is null)
            {
                result.Add(new FunctionChange(function, true, [$"its package {function.Package} is not in cargo's resolve, so it is released to be safe"]));
                continue;
            }

            var reasons = new List<string>();
            var closure = graph.Closure(package);
            foreach (var dependency in closure)
            {
                if (filesByPackage.TryGetValue(dependency.Id, out var files))
                {
                    var shown = string.Join(", ", files.Take(3).Select(f => repository.Relative(f) ?? f)) + (files.Count > 3 ? $" and {files.Count - 3} more" : "");
                    reasons.Add(dependency.Id == package.Id
                        ? $"its package {package.Name} changed: {shown}"
                        : $"its path dependency {dependency.Name} changed: {shown}");
                }
            }

            if (before is not null && now is not null)
            {
                var lockReasons = closure.Where(d => d.Source is not null && !before.SameAs(now, d.LockKey))
                    .Select(d => before.Contains(d.LockKey) ? $"{d.Name} {d.Version} re-pinned" : $"{d.Name} {d.Version} is new")
                    .ToList();
                if (lockReasons.Count > 0)
                    reasons.Add($"Cargo.lock entries it uses changed: {string.Join(", ", lockReasons)}");
            }

            var pathDependencies = closure.Count(d => d.Source is null) - 1;
            result.Add(reasons.Count > 0
                ? new FunctionChange(function, true, reasons)
                : new FunctionChange(function, false,
                    [$"nothing changed in {package.Name}, its {pathDependencies} path {(pathDependencies == 1 ? "dependency" : "dependencies")}, the Cargo.lock entries it uses or the workspace config"]));
        }

        return result;
    }

    private static bool IsUnder(string file, string directory) =>
        file.StartsWith(directory.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar, StringComparison.Ordinal);
}
