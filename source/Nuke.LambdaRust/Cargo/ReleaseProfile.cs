namespace Nuke.LambdaRust.Cargo;

/// <summary>What the workspace root's <c>[profile.release]</c> decides for itself.</summary>
/// <param name="Keys">The keys it sets (<c>strip</c>, <c>lto</c>, ...).</param>
/// <param name="KeepsDebugInfo">It asks for debug info, so symbols must not be stripped.</param>
public sealed record ReleaseProfile(IReadOnlySet<string> Keys, bool KeepsDebugInfo);
