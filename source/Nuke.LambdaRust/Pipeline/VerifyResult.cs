using Nuke.LambdaRust.Checks;

namespace Nuke.LambdaRust.Pipeline;

/// <summary>What Verify found in this run's packages.</summary>
/// <param name="Report">The findings per package.</param>
public sealed record VerifyResult(VerifyReport Report) : IStepResult
{
    /// <inheritdoc />
    public string Summary
    {
        get
        {
            var warnings = Report.Findings.Count(f => !f.Fails);
            return $"{Report.Packages.Count} packages ok{(warnings > 0 ? $", {warnings} warnings" : "")}";
        }
    }
}
