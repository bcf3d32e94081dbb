using Microsoft.Extensions.Logging;
using Nuke.LambdaRust.Packaging;
using Nuke.LambdaRust.Tools;

namespace Nuke.LambdaRust.Pipeline;

public sealed partial class LambdaPipeline
{
    /// <summary>
    /// Deletes only what we write: the packages recorded in each lambda directory in use (and the folders we created for
    /// them, once empty; a user's files there stay and are named) and our linker wrappers. Never the lambda directory itself.
    /// </summary>
    public async Task<CleanResult> CleanAsync(CancellationToken cancellationToken = default)
    {
        var settings = await BuildSettingsAsync(cancellationToken).ConfigureAwait(false);
        var project = await ProjectAsync(settings, cancellationToken).ConfigureAwait(false);
        var explicitDirectory = Settings.Resolve(Settings.LambdaDirectory);
        var report = PackageCleaner.Clean(
            project.Functions.Select(f => PackageLayout.LambdaDirectory(explicitDirectory, f.Config, project.Workspace.WorkspaceRoot,
                LambdaBuilder.TargetDirectoryOf(settings, project.Workspace, f.Config))).Distinct(),
            Logger, cancellationToken);
        var wrappers = project.Functions
            .Select(f => Path.Combine(LambdaBuilder.TargetDirectoryOf(settings, project.Workspace, f.Config), "lambda-rust"))
            .Distinct()
            .Where(Directory.Exists)
            .ToList();
        foreach (var directory in wrappers)
        {
            Logger.LogInformation("Deleting {Directory}", directory);
            Directory.Delete(directory, recursive: true);
        }

        return new CleanResult([.. report.Deleted, .. wrappers], report.LeftAlone);
    }
}
