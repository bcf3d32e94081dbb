using Nuke.LambdaRust.Cargo;

namespace Nuke.LambdaRust.Tools;

/// <summary>A loaded workspace and the selected functions, each with its cargo-lambda configuration.</summary>
internal sealed record LoadedProject(CargoWorkspace Workspace, IReadOnlyList<(LambdaFunction Function, LambdaBuildConfig Config)> Functions);
