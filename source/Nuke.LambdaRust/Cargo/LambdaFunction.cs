namespace Nuke.LambdaRust.Cargo;

/// <summary>A Lambda function: one <c>bin</c> target of a workspace member.</summary>
/// <param name="Name">The bin target's name (the folder name under <c>target/lambda</c>).</param>
/// <param name="Package">The name of the package that defines it.</param>
/// <param name="ManifestPath">The absolute path of that package's Cargo.toml.</param>
public sealed record LambdaFunction(string Name, string Package, string ManifestPath)
{
    /// <summary>The bin target's <c>required-features</c>: cargo skips it unless all are enabled.</summary>
    public IReadOnlyList<string> RequiredFeatures { get; init; } = [];

    /// <summary>Value equality includes <see cref="RequiredFeatures"/> by content, not by list reference.</summary>
    public bool Equals(LambdaFunction? other) =>
        other is not null && Name == other.Name && Package == other.Package && ManifestPath == other.ManifestPath
        && RequiredFeatures.SequenceEqual(other.RequiredFeatures);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Name, Package, ManifestPath);
}
