using Nuke.Common;
using Nuke.Common.Tooling;
using Nuke.LambdaRust.Pipeline;
using Nuke.LambdaRust.Tools;

namespace Nuke.LambdaRust.Components;

/// <summary>
/// The <c>LambdaCompile</c> target (named so that it never clashes with <c>Nuke.Components.ICompile</c>'s <c>Compile</c>;
/// a build without one exposes ours as <c>Target Compile => _ => _.DependsOn&lt;ILambdaCompile&gt;(x => x.LambdaCompile);</c>).
/// </summary>
public interface ILambdaCompile : ILambdaSetup, ILambdaDoctor
{
    /// <summary>Runs <see cref="LambdaPipeline.CompileAsync"/> after Setup and Doctor.</summary>
    Target LambdaCompile => _ => _
        .Description(StepDescriptions.Compile)
        .DependsOn(LambdaSetup, LambdaDoctor)
        .Executes(() => LambdaRustRuns.Run(this, p => p.CompileAsync(), r => [("Binaries", r.Summary)]));

    /// <summary>Changes the build settings (zig, cargo or cross) the parameters give.</summary>
    Configure<LambdaBuildSettings> LambdaCompileSettings => _ => _;
}
