namespace Nuke.LambdaRust.Checks;

/// <summary>One error for everything that failed: each artifact with every one of its findings, and every fix.</summary>
internal static class CheckFailure
{
    /// <exception cref="LambdaRustException">Always: the failing findings of each artifact (warnings and allowed ones of those artifacts too).</exception>
    public static LambdaRustException For(string step, IReadOnlyList<(string Artifact, IReadOnlyList<CheckFinding> Findings)> failed)
    {
        var lines = new List<string>();
        foreach (var (artifact, findings) in failed)
        {
            lines.Add($"  {artifact}:");
            lines.AddRange(findings.Select(f => $"    [{f.Rule}] {(f.Severity == FindingSeverity.Error ? "" : "warning: ")}{(f.Allowed ? "(allowed) " : "")}{f.Message}"));
        }

        var fixes = failed.SelectMany(f => f.Findings).Where(f => f.Fails).Select(f => $"[{f.Rule}] {f.Fix}").Distinct().ToList();
        var count = failed.Sum(f => f.Findings.Count(x => x.Fails));
        return new LambdaRustException(
            $"{step} found {count} problem{(count == 1 ? "" : "s")} that would stop {(failed.Count == 1 ? "this function" : "these functions")} on Lambda:{Environment.NewLine}{string.Join(Environment.NewLine, lines)}",
            string.Join(Environment.NewLine, fixes));
    }
}
