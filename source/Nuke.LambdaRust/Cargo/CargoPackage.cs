using System.Text.Json;

namespace Nuke.LambdaRust.Cargo;

/// <summary>A member of a Cargo workspace, as <c>cargo metadata</c> reports it.</summary>
/// <param name="Name">The package name.</param>
/// <param name="Version">The package version.</param>
/// <param name="ManifestPath">The absolute path of the package's Cargo.toml.</param>
/// <param name="BinTargets">The names of its <c>bin</c> targets, sorted.</param>
/// <param name="Metadata">Its <c>[package.metadata]</c> table, as cargo resolved it; null when it has none.</param>
public sealed record CargoPackage(string Name, string Version, string ManifestPath, IReadOnlyList<string> BinTargets, JsonElement? Metadata)
{
    /// <summary>Its <c>[features]</c>: each feature and what it enables.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Features { get; init; } = new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>The <c>required-features</c> of each bin target that has some.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> RequiredFeatures { get; init; } = new Dictionary<string, IReadOnlyList<string>>();
}
