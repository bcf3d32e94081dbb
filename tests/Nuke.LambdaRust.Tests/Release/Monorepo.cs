using System.Diagnostics;
using Nuke.LambdaRust.Release;
using Nuke.LambdaRust.Tests.Support;
using Nuke.LambdaRust.Tools;

namespace Nuke.LambdaRust.Tests.Release;

/// <summary>
/// A copy of the Release fixture (tests/fixtures/release-monorepo: packages orders, users and ping, the shared crate,
/// five functions) in a temporary folder, made a git repository with one commit, with its own cargo target directory
/// outside the repository. Releases go to folders outside it too, so the working tree stays clean.
/// </summary>
internal sealed class Monorepo : IDisposable
{
    private readonly TestDirectory _root = new();

    public Monorepo()
    {
        Directory = ExampleWorkspace.CopyReleaseMonorepoTo(_root.Path);
        Git("init", "--quiet", "--initial-branch=main");
        Commit("initial");
    }

    /// <summary>The workspace (and git repository) folder.</summary>
    public string Directory { get; }

    /// <summary>The build's root: the workspace's grandparent, holding the example workspace beside it.</summary>
    public string Root => _root.Path;

    public string Manifest => Path.Combine(Directory, "Cargo.toml");

    public string TargetDirectory => Path.Combine(_root.Path, "cargo-target");

    /// <summary>A folder for release outputs, outside the repository.</summary>
    public string Output(string name) => Path.Combine(_root.Path, "out", name);

    /// <summary>Appends a line to a file of the workspace.</summary>
    public void Touch(string relative, string line = "// changed") => File.AppendAllText(Path.Combine(Directory, relative), line + "\n");

    public void Commit(string message)
    {
        Git("add", "--all");
        Git("-c", "user.name=Release Test", "-c", "user.email=release@test.invalid", "commit", "--quiet", "--no-gpg-sign", "-m", message);
    }

    /// <summary>Runs git in the repository; fails the test when it fails.</summary>
    public string Git(params string[] arguments) => Run(Directory, "git", arguments);

    /// <summary>Runs a tool (found as the tests find tools) in <paramref name="directory"/>; returns its output, fails the test when it fails.</summary>
    public static string Run(string directory, string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(TestTools.Require(program)) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{program} {string.Join(' ', arguments)} failed: {error}");
        return output.Result;
    }

    /// <summary>A release of this workspace with zig (the project's release profile, no extra optimizations: quicker to compile).</summary>
    public Task<ReleaseReport> ReleaseAsync(string output, Func<ReleaseSettings, ReleaseSettings>? configure = null, RecordingLogger? logger = null,
        string? targetDirectory = null) =>
        LambdaRustTasks.ReleaseAsync(s =>
        {
            var settings = s with
            {
                Build = new ZigBuildSettings
                {
                    ManifestPath = Manifest,
                    ZigPath = TestTools.Zig(),
                    TargetDirectory = targetDirectory ?? TargetDirectory,
                    ReleaseOptimizations = false,
                    Logger = logger,
                },
                OutputDirectory = output,
                Logger = logger,
            };
            return configure?.Invoke(settings) ?? settings;
        });

    /// <summary>Every file of a folder, by relative path, with its bytes.</summary>
    public static SortedDictionary<string, byte[]> Files(string directory) =>
        new(System.IO.Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(directory, f), File.ReadAllBytes), StringComparer.Ordinal);

    /// <summary>Entries beside a release folder that a release left behind (temporary folders).</summary>
    public static IReadOnlyList<string> Leftovers(string output) =>
        System.IO.Directory.Exists(Path.GetDirectoryName(output))
            ? System.IO.Directory.EnumerateFileSystemEntries(Path.GetDirectoryName(output)!, $".{Path.GetFileName(output)}.*").ToList()
            : [];

    public void Dispose() => _root.Dispose();
}
