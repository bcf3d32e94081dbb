using Nuke.LambdaRust.Packaging;

namespace Nuke.LambdaRust.Checks;

/// <summary>What Verify found in one package.</summary>
/// <param name="Package">The package.</param>
/// <param name="Findings">Every finding (allowed ones marked); empty when it passed.</param>
/// <param name="ZippedSize">The zip's size in bytes (the bare bootstrap's for the binary format).</param>
/// <param name="UnzippedSize">The entries' uncompressed sizes added up.</param>
public sealed record PackageVerification(LambdaPackage Package, IReadOnlyList<CheckFinding> Findings, long ZippedSize, long UnzippedSize)
{
    /// <summary>True when no finding fails.</summary>
    public bool Passed => !Findings.Any(f => f.Fails);
}
