using Nuke.LambdaRust.Cargo;
using Nuke.LambdaRust.Model;

namespace Nuke.LambdaRust.Tools;

/// <summary>
/// Functions that share one cargo invocation: same architecture, target, profile, features and environment.
/// Grouping by the effective options is what lets each package keep its own config (cargo-lambda ignores it when
/// several packages are built at once) while a uniform workspace still builds in one cargo run per architecture.
/// </summary>
internal sealed record BuildGroup(
    LambdaArchitecture Architecture,
    RustTarget Target,
    string Profile,
    IReadOnlyList<string> Features,
    IReadOnlyDictionary<string, string> Environment,
    IReadOnlyList<(LambdaFunction Function, LambdaBuildConfig Config)> Functions)
{
    /// <summary>The cargo options every function of the group shares.</summary>
    public CargoOptions Options { get; init; } = new();

    /// <summary>The cargo profile argument form: dev needs none, release is <c>--release</c>.</summary>
    public bool IsRelease => Profile == "release";
}
