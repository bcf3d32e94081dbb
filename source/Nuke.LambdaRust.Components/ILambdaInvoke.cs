using Nuke.Common;
using Nuke.Common.Tooling;
using Nuke.LambdaRust.Pipeline;
using Nuke.LambdaRust.Runtime;

namespace Nuke.LambdaRust.Components;

/// <summary>The <c>LambdaInvoke</c> target: the packaged function run locally with <c>--event</c>/<c>--data</c>.</summary>
public interface ILambdaInvoke : ILambdaPackage
{
    /// <summary>Runs <see cref="LambdaPipeline.InvokeAsync"/> after Package.</summary>
    Target LambdaInvoke => _ => _
        .Description(StepDescriptions.Invoke)
        .DependsOn(LambdaPackage)
        .Executes(() => LambdaRustRuns.Run(this, p => p.InvokeAsync(), r => [("Invoke", r.Summary)]));

    /// <summary>Changes the invoke settings the parameters give (once per architecture).</summary>
    Configure<InvokeSettings> LambdaInvokeSettings => _ => _;
}
