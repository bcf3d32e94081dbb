namespace Nuke.LambdaRust.Checks;

/// <summary>The Doctor's findings for a build, per build group.</summary>
/// <param name="Groups">One per architecture, target and feature set the build compiles.</param>
public sealed record DoctorReport(IReadOnlyList<DoctorGroupReport> Groups)
{
    /// <summary>Every finding of every group.</summary>
    public IReadOnlyList<CheckFinding> Findings => Groups.SelectMany(g => g.Findings).ToList();

    /// <summary>True when no finding fails the build (no error, or only allowed ones).</summary>
    public bool Passed => !Findings.Any(f => f.Fails);

    /// <summary>How long the Doctor took, dependency resolution included.</summary>
    public TimeSpan Duration { get; init; }

    /// <summary>The graph a function links for an architecture, when the Doctor resolved one (for Verify to name the crate behind a library).</summary>
    public DependencyGraph? GraphOf(string function, Model.LambdaArchitecture architecture) =>
        Groups.FirstOrDefault(g => g.Architecture == architecture && g.Functions.Contains(function))?.Graph;
}
