using Nuke.LambdaRust.Checks;
using Nuke.LambdaRust.Packaging;
using Nuke.LambdaRust.Tools;

namespace Nuke.LambdaRust.Pipeline;

public sealed partial class LambdaPipeline
{
    /// <summary>
    /// Compiles the selected functions for the requested architectures, then runs the binary rules on what it built (ELF
    /// machine, glibc, runtime libraries). When Package is planned, its output folders are checked first, so an unusable
    /// lambda directory fails before the long compile, not after it; so are Invoke's inputs when Invoke is planned.
    /// </summary>
    public async Task<CompileResult> CompileAsync(CancellationToken cancellationToken = default)
    {
        if (Settings.PlannedSteps.HasFlag(PipelineSteps.Invoke))
            await CheckInvokeAsync(cancellationToken).ConfigureAwait(false);
        var settings = await BuildSettingsAsync(cancellationToken).ConfigureAwait(false);
        var project = await ProjectAsync(settings, cancellationToken).ConfigureAwait(false);
        if (Settings.PlannedSteps.HasFlag(PipelineSteps.Package))
        {
            foreach (var (function, config) in project.Functions)
            {
                var targetDirectory = LambdaBuilder.TargetDirectoryOf(settings, project.Workspace, config);
                var (directory, origin) = Settings.Resolve(Settings.LambdaDirectory) is { } explicitDirectory
                    ? (explicitDirectory, "--lambda-dir")
                    : (PackageLayout.LambdaDirectory(null, config, project.Workspace.WorkspaceRoot, targetDirectory),
                        config.LambdaDir is null ? "the default lambda directory" : $"lambda_dir of {function.Name}");
                OutputDirectoryCheck.EnsureUsable(directory, origin);
            }
        }

        foreach (var targetDirectory in project.Functions.Select(f => LambdaBuilder.TargetDirectoryOf(settings, project.Workspace, f.Config)).Distinct())
            await HoldTargetDirectoryAsync(targetDirectory, cancellationToken).ConfigureAwait(false);
        // Checks' binary rules, right after each cargo run: a too-new glibc or a missing library fails here, with every finding.
        var binaries = await LambdaBuilder.BuildAsync(settings,
            (built, logger) => BinaryChecks.Ensure("Compile", built, Settings.Runtime, AllowedRules, DoctorOutcome?.Report, logger),
            cancellationToken, project).ConfigureAwait(false);
        return Compiled = new CompileResult(binaries);
    }
}
