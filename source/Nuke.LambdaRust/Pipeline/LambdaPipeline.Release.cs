using System.Text;
using Microsoft.Extensions.Logging;
using Nuke.LambdaRust.Release;
using Nuke.LambdaRust.Tools;

namespace Nuke.LambdaRust.Pipeline;

public sealed partial class LambdaPipeline
{
    /// <summary>Release's result, once it ran.</summary>
    public ReleaseResult? Released { get; private set; }

    /// <summary>Matrix's result, once it ran.</summary>
    public MatrixResult? Matrix { get; private set; }

    /// <summary>
    /// Releases every selected function (only those a change since <see cref="PipelineSettings.ChangedSince"/> reaches)
    /// for every architecture (both unless <c>--arch</c> narrows them) into the release folder: zips, SHA256SUMS and
    /// manifest.json, after Verify and (with <see cref="PipelineSettings.SmokeEvent"/>) a smoke invocation of each.
    /// With <see cref="PipelineSettings.MergeDirectories"/> it combines earlier releases' outputs instead.
    /// </summary>
    /// <exception cref="LambdaRustException">A bad input, a failed build, check or smoke test; the previous release is left as it was.</exception>
    public async Task<ReleaseResult> ReleaseAsync(CancellationToken cancellationToken = default)
    {
        if (Settings.MergeDirectories.Count > 0)
        {
            var merged = await ReleaseBuilder.MergeAsync(ReleaseSettingsFor(new ZigBuildSettings()), Settings.MergeDirectories, Settings.RootDirectory, cancellationToken)
                .ConfigureAwait(false);
            return Released = new ReleaseResult(merged);
        }

        var build = await BuildSettingsAsync(cancellationToken).ConfigureAwait(false);
        var project = await ProjectAsync(build, cancellationToken).ConfigureAwait(false);
        foreach (var targetDirectory in project.Functions.Select(f => LambdaBuilder.TargetDirectoryOf(build, project.Workspace, f.Config)).Distinct())
            await HoldTargetDirectoryAsync(targetDirectory, cancellationToken).ConfigureAwait(false);
        var report = await ReleaseBuilder.ReleaseAsync(ReleaseSettingsFor(build), project, cancellationToken).ConfigureAwait(false);
        return Released = new ReleaseResult(report);
    }

    /// <summary>
    /// Prints the GitHub Actions matrix (function × architecture) of what Release would build, honouring
    /// <see cref="PipelineSettings.ChangedSince"/>, and appends <c>matrix=</c> and <c>count=</c> to
    /// <see cref="PipelineSettings.GithubOutput"/> when set.
    /// </summary>
    public async Task<MatrixResult> MatrixAsync(CancellationToken cancellationToken = default)
    {
        var changes = await ReleasePlanAsync(cancellationToken).ConfigureAwait(false);
        var architectures = ReleaseBuilder.Architectures(ReleaseSettingsFor(await BuildSettingsAsync(cancellationToken).ConfigureAwait(false)));
        var json = MatrixWriter.Render(changes, architectures);
        var count = changes.Count(c => c.Included) * architectures.Count;
        Logger.LogInformation("{Matrix}", json);
        if (Settings.Resolve(Settings.GithubOutput) is { } outputFile)
        {
            try
            {
                await File.AppendAllTextAsync(outputFile, $"matrix={json}\ncount={count}\n", new UTF8Encoding(false), cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                throw new LambdaRustException($"Matrix cannot append to the step output file '{outputFile}' (--github-output / GITHUB_OUTPUT): {exception.Message}",
                    "Run it in a GitHub Actions step (GitHub sets GITHUB_OUTPUT), or point --github-output at a writable file.", exception);
            }
        }

        return Matrix = new MatrixResult(json, count, changes);
    }

    /// <summary>Every selected function, in or out of the release, and why: what <c>--plan</c> shows for Release and Matrix.</summary>
    public async Task<IReadOnlyList<FunctionChange>> ReleasePlanAsync(CancellationToken cancellationToken = default)
    {
        var build = await BuildSettingsAsync(cancellationToken).ConfigureAwait(false);
        var project = await ProjectAsync(build, cancellationToken).ConfigureAwait(false);
        return await ReleaseBuilder.SelectAsync(ReleaseSettingsFor(build), project, cancellationToken).ConfigureAwait(false);
    }

    private ReleaseSettings ReleaseSettingsFor(LambdaBuildSettings build) => new()
    {
        Build = build,
        OutputDirectory = Settings.Resolve(Settings.ReleaseOutput) ?? Path.Combine(Settings.RootDirectory, ReleaseSettings.DefaultOutput),
        ChangedSince = Settings.ChangedSince,
        SmokeEvent = Settings.Resolve(Settings.SmokeEvent),
        Sccache = Settings.Sccache,
        Includes = Settings.Includes,
        AllowedRules = Settings.AllowedRules,
        OptionNames = new ReleaseOptionNames("--output", "--changed-since", "--function", "--smoke-event", "--merge"),
        Logger = Logger,
    };
}
