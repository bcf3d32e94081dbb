namespace Nuke.LambdaRust.Checks;

/// <summary>What Verify found, per package.</summary>
/// <param name="Packages">One per package checked.</param>
public sealed record VerifyReport(IReadOnlyList<PackageVerification> Packages)
{
    /// <summary>Every finding.</summary>
    public IReadOnlyList<CheckFinding> Findings => Packages.SelectMany(p => p.Findings).ToList();

    /// <summary>True when no finding fails.</summary>
    public bool Passed => Packages.All(p => p.Passed);
}
