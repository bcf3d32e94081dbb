using Nuke.Common;
using Nuke.Common.Tooling;
using Nuke.LambdaRust.Pipeline;

namespace Nuke.LambdaRust.Components;

/// <summary>
/// What every Lambda target shares: the parameters (<see cref="IHazLambdaRust"/>'s other file), the run's
/// <see cref="LambdaPipeline"/> with each step's typed results, and the <see cref="LambdaSettings"/> hook.
/// Mix in the targets you want (<see cref="ILambdaPackage"/>, or <see cref="ILambdaRust"/> for all of them).
/// </summary>
public partial interface IHazLambdaRust : INukeBuild
{
    /// <summary>
    /// This run's pipeline: its settings, and each step's result once its target ran
    /// (<c>LambdaRustPipeline.Packaged!.Packages</c> in a target that depends on <c>LambdaPackage</c>).
    /// Made on first use from the parameters; a bad value fails the target that first needs it.
    /// </summary>
    LambdaPipeline LambdaRustPipeline => LambdaRustRuns.Pipeline(this);

    /// <summary>Changes the pipeline settings the parameters give, before any step runs (root, paths, every option).</summary>
    Configure<PipelineSettings> LambdaSettings => _ => _;
}
