namespace Nuke.LambdaRust.Checks;

/// <summary>A normal dependency of a crate in the graph.</summary>
/// <param name="To">The id of the crate depended on.</param>
/// <param name="EnabledBy">The feature of the depending crate that turns this optional dependency on (<c>default-tls</c>); null for a required one or when unknown.</param>
public sealed record CrateEdge(string To, string? EnabledBy);
