using Nuke.Common;
using Nuke.LambdaRust.Pipeline;

namespace Nuke.LambdaRust.Components;

/// <summary>
/// The <c>LambdaRelease</c> and <c>LambdaMatrix</c> targets: every function for both architectures into <c>--output</c>
/// with SHA256SUMS and manifest.json (or <c>--merge</c> of CI jobs' outputs), and the GitHub Actions matrix of what
/// Release would build.
/// </summary>
public interface ILambdaRelease : ILambdaSetup
{
    /// <summary>Runs <see cref="LambdaPipeline.ReleaseAsync"/> after Setup (it compiles, packages and verifies itself).</summary>
    Target LambdaRelease => _ => _
        .Description(StepDescriptions.Release)
        .DependsOn(LambdaSetup)
        .Executes(() => LambdaRustRuns.Run(this, p => p.ReleaseAsync(), r => [("Release", r.Summary)]));

    /// <summary>Runs <see cref="LambdaPipeline.MatrixAsync"/>: prints the matrix JSON, honouring <c>--changed-since</c>.</summary>
    Target LambdaMatrix => _ => _
        .Description(StepDescriptions.Matrix)
        .Executes(() => LambdaRustRuns.Run(this, p => p.MatrixAsync(), r => [("Matrix", r.Summary)]));
}
