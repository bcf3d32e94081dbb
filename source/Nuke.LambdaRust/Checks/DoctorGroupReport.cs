using Nuke.LambdaRust.Model;

namespace Nuke.LambdaRust.Checks;

/// <summary>What the Doctor found for one build group (one architecture, target and feature set).</summary>
/// <param name="Architecture">The architecture.</param>
/// <param name="Target">The Rust target, with the glibc it links against.</param>
/// <param name="Compiler">How it compiles.</param>
/// <param name="Runtime">The Lambda runtime it must run on.</param>
/// <param name="Functions">The functions of the group.</param>
/// <param name="Graph">The dependency graph it links, and where that came from.</param>
/// <param name="Findings">What the rules found (allowed ones included, marked).</param>
public sealed record DoctorGroupReport(
    LambdaArchitecture Architecture,
    RustTarget Target,
    LambdaCompiler Compiler,
    LambdaRuntime Runtime,
    IReadOnlyList<string> Functions,
    DependencyGraph Graph,
    IReadOnlyList<CheckFinding> Findings)
{
    /// <summary>Things the Doctor could not check, and why (no toolchain found for the rust-version rule ...).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];
}
