using Nuke.Common;
using Nuke.LambdaRust.Pipeline;

namespace Nuke.LambdaRust.Components;

/// <summary>The <c>LambdaVerify</c> target: every package checked as Lambda will see it.</summary>
public interface ILambdaVerify : ILambdaPackage
{
    /// <summary>Runs <see cref="LambdaPipeline.VerifyAsync"/> after Package.</summary>
    Target LambdaVerify => _ => _
        .Description(StepDescriptions.Verify)
        .DependsOn(LambdaPackage)
        .Executes(() => LambdaRustRuns.Run(this, p => p.VerifyAsync(), r => [("Verify", r.Summary)]));
}
