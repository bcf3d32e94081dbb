using Nuke.Common;
using Nuke.LambdaRust.Pipeline;

namespace Nuke.LambdaRust.Components;

/// <summary>The <c>LambdaClean</c> target: deletes what this tool wrote, before any other Lambda target that runs.</summary>
public interface ILambdaClean : IHazLambdaRust
{
    /// <summary>Runs <see cref="LambdaPipeline.CleanAsync"/>.</summary>
    Target LambdaClean => _ => _
        .Description(StepDescriptions.Clean)
        .TryBefore<ILambdaSetup>(x => x.LambdaSetup)
        .TryBefore<ILambdaDoctor>(x => x.LambdaDoctor)
        .TryBefore<ILambdaCompile>(x => x.LambdaCompile)
        .Executes(() => LambdaRustRuns.Run(this, p => p.CleanAsync(), r => [("Clean", r.Summary)]));
}
