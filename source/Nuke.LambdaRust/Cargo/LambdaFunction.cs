namespace Nuke.LambdaRust.Cargo;

/// <summary>A Lambda function: one <c>bin</c> target of a workspace member.</summary>
/// <param name="Name">The bin target's name (the folder name under <c>target/lambda</c>).</param>
/// <param name="Package">The name of the package that defines it.</param>
/// <param name="ManifestPath">The absolute path of that package's Cargo.toml.</param>
public sealed record LambdaFunction(string Name, string Package, string ManifestPath);
