using Nuke.LambdaRust.Cargo;
using Nuke.LambdaRust.Model;

namespace Nuke.LambdaRust.Tools;

/// <summary>One function's executable, as built by this run for one architecture.</summary>
/// <param name="Function">The function (binary target) and its package.</param>
/// <param name="Architecture">The architecture it was built for.</param>
/// <param name="Target">The Rust target, with the glibc version it was linked against.</param>
/// <param name="Compiler">How it was compiled.</param>
/// <param name="Path">The executable in cargo's target directory.</param>
/// <param name="Profile">The cargo profile (<c>dev</c>, <c>release</c> or a custom one).</param>
/// <param name="Hashes">Size and SHA-256 of the executable.</param>
public sealed record LambdaBinary(
    LambdaFunction Function,
    LambdaArchitecture Architecture,
    RustTarget Target,
    LambdaCompiler Compiler,
    string Path,
    string Profile,
    ArtifactHashes Hashes)
{
    /// <summary>The function's name (its binary target).</summary>
    public string Name => Function.Name;

    /// <summary>The cargo-lambda configuration that applies to this function (packaging reads include, extension, output format).</summary>
    public LambdaBuildConfig Config { get; init; } = new();

    /// <summary>The workspace root (relative include paths start here).</summary>
    public string WorkspaceRoot { get; init; } = "";

    /// <summary>Cargo's target directory (the default lambda directory is inside it).</summary>
    public string TargetDirectory { get; init; } = "";
}
