using Microsoft.Extensions.Logging;
using Nuke.LambdaRust.Packaging;
using Nuke.LambdaRust.Tools;

namespace Nuke.LambdaRust.Pipeline;

public sealed partial class LambdaPipeline
{
    /// <summary>
    /// Deletes only what we write: the per-architecture folders under each lambda directory in use and our linker
    /// wrappers. Never the lambda directory itself, which a user may have pointed at a folder of their own.
    /// </summary>
    public async Task<CleanResult> CleanAsync(CancellationToken cancellationToken = default)
    {
        var settings = await BuildSettingsAsync(cancellationToken).ConfigureAwait(false);
        var project = await ProjectAsync(settings, cancellationToken).ConfigureAwait(false);
        var explicitDirectory = Settings.Resolve(Settings.LambdaDirectory);
        var targetDirectories = project.Functions.Select(f => LambdaBuilder.TargetDirectoryOf(settings, project.Workspace, f.Config)).Distinct().ToList();
        foreach (var targetDirectory in targetDirectories)
            await HoldTargetDirectoryAsync(targetDirectory, cancellationToken).ConfigureAwait(false);
        var directories = project.Functions
            .Select(f => PackageLayout.LambdaDirectory(explicitDirectory, f.Config, project.Workspace.WorkspaceRoot,
                LambdaBuilder.TargetDirectoryOf(settings, project.Workspace, f.Config)))
            .Distinct()
            .SelectMany(PackageLayout.ArchitectureDirectories)
            .Concat(targetDirectories.Select(t => Path.Combine(t, "lambda-rust")))
            .Where(Directory.Exists)
            .ToList();
        foreach (var directory in directories)
        {
            Logger.LogInformation("Deleting {Directory}", directory);
            Directory.Delete(directory, recursive: true);
        }

        return new CleanResult(directories);
    }
}
