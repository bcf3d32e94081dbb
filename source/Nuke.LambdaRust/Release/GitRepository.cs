using Microsoft.Extensions.Logging;
using Nuke.LambdaRust.Processes;

namespace Nuke.LambdaRust.Release;

/// <summary>The git repository a workspace lives in, read with real <c>git</c> (arguments as lists, never a shell).</summary>
internal sealed class GitRepository
{
    private readonly ILogger _logger;

    private GitRepository(string root, ILogger logger)
    {
        Root = root;
        _logger = logger;
    }

    /// <summary>The repository's top folder.</summary>
    public string Root { get; }

    /// <summary>The repository holding <paramref name="directory"/>, or null when it is in none (or git is missing).</summary>
    public static async Task<GitRepository?> FindAsync(string directory, ILogger logger, CancellationToken cancellationToken)
    {
        ToolResult result;
        try
        {
            result = await ProcessRunner.RunAsync(Git(directory, "rev-parse", "--show-toplevel"), Quiet(logger), cancellationToken, checkExitCode: false)
                .ConfigureAwait(false);
        }
        catch (ProcessFailedException)
        {
            return null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }

        return result.ExitCode == 0 && result.StandardOutput.FirstOrDefault() is { Length: > 0 } top
            ? new GitRepository(Path.GetFullPath(top), logger)
            : null;
    }

    /// <summary>The commit HEAD names, in full; null in a repository without commits.</summary>
    public async Task<string?> HeadAsync(CancellationToken cancellationToken)
    {
        var result = await RunAsync(cancellationToken, false, "rev-parse", "--verify", "--quiet", "HEAD^{commit}").ConfigureAwait(false);
        return result.ExitCode == 0 ? result.StandardOutput.FirstOrDefault() : null;
    }

    /// <summary>True when tracked files differ from HEAD or untracked files exist, leaving out <paramref name="excluded"/> (our own output).</summary>
    public async Task<bool> IsDirtyAsync(IEnumerable<string> excluded, CancellationToken cancellationToken)
    {
        var arguments = new List<string> { "status", "--porcelain", "--", "." };
        foreach (var path in excluded.Select(Relative).Where(p => p is not null))
            arguments.Add($":(exclude){path}");
        var result = await RunAsync(cancellationToken, true, [.. arguments]).ConfigureAwait(false);
        return result.StandardOutput.Any(line => line.Length > 0);
    }

    /// <summary>The commit <paramref name="reference"/> names; a clear error when it names none.</summary>
    public async Task<string> ResolveCommitAsync(string reference, string origin, CancellationToken cancellationToken)
    {
        var result = await RunAsync(cancellationToken, false, "rev-parse", "--verify", "--quiet", "--end-of-options", reference + "^{commit}").ConfigureAwait(false);
        return result.ExitCode == 0 && result.StandardOutput.FirstOrDefault() is { Length: > 0 } commit
            ? commit
            : throw new LambdaRustException(
                $"{origin} names '{reference}', which is not a commit in the git repository {Root}.",
                $"Give a branch, tag or commit that exists there (git log --oneline shows them); in a shallow CI checkout fetch the history first (actions/checkout with fetch-depth: 0).");
    }

    /// <summary>Every file (full path) that differs between <paramref name="commit"/> and the working tree, untracked files included.</summary>
    public async Task<IReadOnlyList<string>> ChangedFilesAsync(string commit, CancellationToken cancellationToken)
    {
        var changed = await RunAsync(cancellationToken, true, "-c", "core.quotePath=false", "diff", "--name-only", "--no-renames", commit, "--").ConfigureAwait(false);
        var untracked = await RunAsync(cancellationToken, true, "-c", "core.quotePath=false", "ls-files", "--others", "--exclude-standard").ConfigureAwait(false);
        return changed.StandardOutput.Concat(untracked.StandardOutput)
            .Where(line => line.Length > 0)
            .Select(line => Path.GetFullPath(Path.Combine(Root, line)))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>A file's text at <paramref name="commit"/>, or null when it did not exist there.</summary>
    public async Task<string?> ReadAtAsync(string commit, string path, CancellationToken cancellationToken)
    {
        var relative = Relative(path) ?? throw new ArgumentException($"{path} is outside the repository {Root}.", nameof(path));
        var result = await RunAsync(cancellationToken, false, "show", $"{commit}:{relative}").ConfigureAwait(false);
        return result.ExitCode == 0 ? string.Join('\n', result.StandardOutput) + "\n" : null;
    }

    /// <summary>A path relative to <see cref="Root"/> with forward slashes, or null when it is outside.</summary>
    public string? Relative(string path)
    {
        var relative = Path.GetRelativePath(Root, Path.GetFullPath(path));
        return relative == "." ? "" : relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? null : relative.Replace('\\', '/');
    }

    private Task<ToolResult> RunAsync(CancellationToken cancellationToken, bool check, params string[] arguments) =>
        ProcessRunner.RunAsync(Git(Root, arguments), Quiet(_logger), cancellationToken, onOutput: _ => { }, checkExitCode: check,
            fixOnFailure: "Check that the folder is a git repository that git can read.");

    private static ToolInvocation Git(string directory, params string[] arguments) =>
        new("git", arguments) { WorkingDirectory = directory, Environment = new Dictionary<string, string?> { ["GIT_OPTIONAL_LOCKS"] = "0" } };

    /// <summary>git's command lines at debug level only: a release asks git a handful of questions.</summary>
    private static ILogger Quiet(ILogger logger) => new DebugOnlyLogger(logger);

}
