using Microsoft.Extensions.Logging;
using Nuke.LambdaRust;
using Nuke.LambdaRust.Host;
using Nuke.LambdaRust.Processes;

namespace Build;

/// <summary>
/// The Pack target: <c>dotnet pack</c> of every shipped project under <c>source/</c> into <c>artifacts/packages</c>, with
/// SourceLink and a deterministic build. A project that needs a package this machine's NuGet sources cannot restore
/// (the NUKE component, where Nuke.Common is not served) is left out with the reason; every other failure fails.
/// </summary>
internal static class RepositoryPackages
{
    /// <summary>Why the NUKE component is not packed where it is not; the NUKE tests report it as their skip reason.</summary>
    public const string NukeUnavailable = "Nuke.Common 10.1.0 cannot be restored from this machine's NuGet sources";

    /// <summary>Beside the packages: one line per project left out, <c>project TAB reason</c>.</summary>
    public const string LeftOutFile = "left-out.txt";

    public static string Directory(string root) => Path.Combine(root, "artifacts", "packages");

    public static async Task PackAsync(TargetContext context, CancellationToken ct)
    {
        var output = Directory(context.RootDirectory);
        var staging = output + ".tmp";
        if (System.IO.Directory.Exists(staging))
            System.IO.Directory.Delete(staging, recursive: true);
        System.IO.Directory.CreateDirectory(staging);

        var projects = System.IO.Directory.GetFiles(Path.Combine(context.RootDirectory, "source"), "*.csproj", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal).ToList();
        var packed = new List<string>();
        var leftOut = new List<string>();
        foreach (var project in projects)
        {
            var invocation = new ToolInvocation("dotnet",
                ["pack", project, "-c", "Release", "-o", staging, "--nologo", "-p:EnableSourceLink=true", "-p:ContinuousIntegrationBuild=true"])
            {
                WorkingDirectory = context.RootDirectory,
            };
            var result = await ProcessRunner.RunAsync(invocation, context.Logger, ct, checkExitCode: false);
            var name = Path.GetFileNameWithoutExtension(project);
            if (result.ExitCode == 0)
            {
                packed.Add(name);
                continue;
            }

            // Only NUKE may be missing (NU1101 no such id, NU1102 no such version, NU1103 only prereleases): every other
            // package is on the registry, and any other failure is ours.
            var missing = result.StandardOutput.Concat(result.StandardError)
                .FirstOrDefault(l => (l.Contains("NU1101") || l.Contains("NU1102") || l.Contains("NU1103")) && l.Contains("Nuke."));
            if (missing is null)
                throw new LambdaRustException($"dotnet pack {name} failed (exit code {result.ExitCode}).", "Read the build errors above.");
            context.Logger.LogWarning("{Project} is not packed: {Reason} ({Line})", name, NukeUnavailable, missing.Trim());
            leftOut.Add($"{name}\t{NukeUnavailable}");
        }

        if (leftOut.Count > 0)
            await File.WriteAllLinesAsync(Path.Combine(staging, LeftOutFile), leftOut, ct);

        if (System.IO.Directory.Exists(output))
            System.IO.Directory.Delete(output, recursive: true);
        System.IO.Directory.Move(staging, output);
        var count = System.IO.Directory.GetFiles(output, "*.nupkg").Length;
        context.Logger.LogInformation("{Count} packages in {Directory}", count, output);
        context.Note($"{count} packages" + (leftOut.Count == 0 ? "" : $"; not packed: {string.Join("; ", leftOut.Select(l => l.Replace("\t", ": ")))}"));
    }
}
