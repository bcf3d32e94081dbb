using Xunit.Sdk;

namespace Nuke.LambdaRust.Tests.Support;

/// <summary>
/// Our NuGet packages as a user gets them: the ones the repository's Pack target wrote to <c>artifacts/packages</c>
/// (<c>./build.sh Test</c> runs Pack first). Consumer projects made by tests restore from that folder into a package
/// cache of this test run's own, so a repacked 0.1.0 is never shadowed by an older copy in the user's cache.
/// </summary>
internal static class LocalPackages
{
    private static readonly Lazy<string> Cache = new(() =>
    {
        var cache = Path.Combine(Path.GetTempPath(), "nuke-lambdarust-tests-nuget-" + Environment.ProcessId);
        System.IO.Directory.CreateDirectory(cache);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                System.IO.Directory.Delete(cache, recursive: true);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
            }
        };
        return cache;
    });

    /// <summary>The packages' version (source/Directory.Build.props).</summary>
    public const string Version = "0.1.0";

    /// <summary>
    /// <c>artifacts/packages</c>, checked to hold <paramref name="packageIds"/> packed after the last change under
    /// <c>source/</c>; fails the test with how to pack otherwise.
    /// </summary>
    public static string Folder(params string[] packageIds)
    {
        var root = ExampleWorkspace.RepositoryRoot();
        var folder = Path.Combine(root, "artifacts", "packages");
        var newestSource = NewestSource(root);
        foreach (var id in packageIds)
        {
            var package = Path.Combine(folder, $"{id}.{Version}.nupkg");
            if (!File.Exists(package))
                throw FailException.ForFailure($"{package} is missing. Run ./build.sh Pack (./build.sh Test runs it before the tests).");
            if (File.GetLastWriteTimeUtc(package) < newestSource)
                throw FailException.ForFailure($"{package} is older than the sources under source/. Run ./build.sh Pack again.");
        }

        return folder;
    }

    /// <summary>
    /// Why the NUKE component's package is not in <c>artifacts/packages</c>: the reason the Pack target wrote beside the
    /// packages when the component's restore could not find Nuke.Common; null when Pack packed it, or did not run since
    /// the last change under <c>source/</c> (then <see cref="Folder"/> fails the test with how to pack).
    /// </summary>
    public static string? NukeUnavailableReason()
    {
        var root = ExampleWorkspace.RepositoryRoot();
        var leftOut = Path.Combine(root, "artifacts", "packages", "left-out.txt");
        if (!File.Exists(leftOut) || File.GetLastWriteTimeUtc(leftOut) < NewestSource(root))
            return null;
        return File.ReadAllLines(leftOut).Select(l => l.Split('\t', 2)).Where(p => p.Length == 2 && p[0] == "Nuke.LambdaRust.Components")
            .Select(p => p[1]).FirstOrDefault();
    }

    /// <summary>Environment for a <c>dotnet</c> process that restores a consumer project: this run's own package cache.</summary>
    public static IReadOnlyDictionary<string, string?> RestoreEnvironment => new Dictionary<string, string?>
    {
        ["NUGET_PACKAGES"] = Cache.Value,
        ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
        ["DOTNET_NOLOGO"] = "1",
        ["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1",
    };

    /// <summary>
    /// Writes a <c>nuget.config</c> into <paramref name="projectDirectory"/> that adds <paramref name="packagesDirectory"/>
    /// to the sources the user's own configuration already has (nuget.org, a local NUKE feed, ...).
    /// </summary>
    public static void WriteNuGetConfig(string projectDirectory, string packagesDirectory) =>
        File.WriteAllText(Path.Combine(projectDirectory, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="lambda-rust-local" value="{packagesDirectory}" />
              </packageSources>
            </configuration>
            """);

    private static DateTime NewestSource(string root) =>
        System.IO.Directory.EnumerateFiles(Path.Combine(root, "source"), "*", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}") && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}"))
            .Max(File.GetLastWriteTimeUtc);
}
