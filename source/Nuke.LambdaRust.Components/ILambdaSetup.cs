using Nuke.Common;
using Nuke.Common.Tooling;
using Nuke.LambdaRust.Pipeline;
using Nuke.LambdaRust.Toolchain;

namespace Nuke.LambdaRust.Components;

/// <summary>The <c>LambdaSetup</c> target: zig and the targets' Rust std, installed where missing.</summary>
public interface ILambdaSetup : IHazLambdaRust
{
    /// <summary>Runs <see cref="LambdaPipeline.SetupAsync"/>.</summary>
    Target LambdaSetup => _ => _
        .Description(StepDescriptions.Setup)
        .Executes(() => LambdaRustRuns.Run(this, p => p.SetupAsync(), r => [("Tools", r.Summary)]));

    /// <summary>Changes what Setup provisions (e.g. also qemu).</summary>
    Configure<ProvisioningRequest> LambdaSetupSettings => _ => _;
}
