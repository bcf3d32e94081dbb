using Nuke.LambdaRust.Checks;

namespace Nuke.LambdaRust.Pipeline;

/// <summary>What Doctor found before the build.</summary>
/// <param name="Report">The findings per build group, with the dependency graphs.</param>
public sealed record DoctorResult(DoctorReport Report) : IStepResult
{
    /// <inheritdoc />
    public string Summary
    {
        get
        {
            var findings = Report.Findings.DistinctBy(f => (f.Rule, f.Subject, f.PathText)).ToList();
            var errors = findings.Count(f => f.Severity == FindingSeverity.Error && !f.Allowed);
            var warnings = findings.Count(f => f.Severity == FindingSeverity.Warning && !f.Allowed);
            var allowed = findings.Count(f => f.Allowed);
            var fallback = Report.Groups.Any(g => g.Graph.Source != GraphSource.CargoMetadata) ? " (graph from Cargo.lock)" : "";
            return $"{errors} errors, {warnings} warnings{(allowed > 0 ? $", {allowed} allowed" : "")}{fallback}";
        }
    }
}
