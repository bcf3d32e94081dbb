using Nuke.Common;
using Nuke.LambdaRust.Pipeline;

namespace Nuke.LambdaRust.Components;

/// <summary>The <c>LambdaDoctor</c> target: the dependency graph checked for known traps before compiling.</summary>
public interface ILambdaDoctor : IHazLambdaRust
{
    /// <summary>Runs <see cref="LambdaPipeline.DoctorAsync"/>; after <c>LambdaSetup</c> when both run.</summary>
    Target LambdaDoctor => _ => _
        .Description(StepDescriptions.Doctor)
        .TryAfter<ILambdaSetup>(x => x.LambdaSetup)
        .Executes(() => LambdaRustRuns.Run(this, p => p.DoctorAsync(), r => [("Doctor", r.Summary)]));
}
