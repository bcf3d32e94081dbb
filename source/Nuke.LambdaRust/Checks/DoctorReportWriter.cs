using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Nuke.LambdaRust.Model;

namespace Nuke.LambdaRust.Checks;

/// <summary>The Doctor's report as a short table for the log, and as JSON for CI.</summary>
public static class DoctorReportWriter
{
    /// <summary>
    /// One block per build group: a header (architecture, target, compiler, runtime, graph source), one row per finding
    /// (severity, rule, crate, path), then each finding's message and fix.
    /// </summary>
    public static string Table(DoctorReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var text = new StringBuilder();
        foreach (var group in report.Groups)
        {
            text.Append($"Doctor: {string.Join(", ", group.Functions)} for {group.Architecture.ToLambdaName()} ({group.Target.TripleWithGlibc}, {group.Compiler.ToName()}, {group.Runtime.Identifier}); ")
                .AppendLine($"{group.Graph.Nodes.Count} crates from {SourceName(group.Graph.Source)}");
            foreach (var note in group.Notes)
                text.AppendLine($"  note: {note}");
            if (group.Findings.Count == 0)
            {
                text.AppendLine("  no findings");
                continue;
            }

            var rows = group.Findings.Select(f => (Severity: SeverityText(f), f.Rule, f.Subject, Path: f.Path.Count > 0 ? f.PathText : "")).ToList();
            var widths = (Severity: Math.Max(8, rows.Max(r => r.Severity.Length)), Rule: Math.Max(4, rows.Max(r => r.Rule.Length)), Subject: Math.Max(5, rows.Max(r => r.Subject.Length)));
            text.AppendLine($"  {"Severity".PadRight(widths.Severity)}  {"Rule".PadRight(widths.Rule)}  {"Crate".PadRight(widths.Subject)}  Pulled in by");
            foreach (var row in rows)
                text.AppendLine($"  {row.Severity.PadRight(widths.Severity)}  {row.Rule.PadRight(widths.Rule)}  {row.Subject.PadRight(widths.Subject)}  {row.Path}".TrimEnd());
            foreach (var finding in group.Findings)
                text.AppendLine($"  [{finding.Rule}] {finding.Message}").AppendLine($"    fix: {finding.Fix}");
        }

        return text.ToString().TrimEnd();
    }

    /// <summary>
    /// The report as JSON: <c>{"passed", "durationMs", "groups": [{"architecture", "target", "compiler", "runtime",
    /// "functions", "graph": {"source", "crates", "note"}, "notes", "findings": [{"rule", "severity", "allowed",
    /// "subject", "path", "message", "fix"}]}]}</c>.
    /// </summary>
    public static string Json(DoctorReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var document = new
        {
            passed = report.Passed,
            durationMs = (long)report.Duration.TotalMilliseconds,
            groups = report.Groups.Select(g => new
            {
                architecture = g.Architecture.ToLambdaName(),
                target = g.Target.TripleWithGlibc,
                compiler = g.Compiler.ToName(),
                runtime = g.Runtime.Identifier,
                functions = g.Functions,
                graph = new { source = SourceName(g.Graph.Source), crates = g.Graph.Nodes.Count, note = g.Graph.Note },
                notes = g.Notes,
                findings = g.Findings.Select(f => new
                {
                    rule = f.Rule,
                    severity = f.Severity == FindingSeverity.Error ? "error" : "warning",
                    allowed = f.Allowed,
                    subject = f.Subject,
                    path = f.Path,
                    message = f.Message,
                    fix = f.Fix,
                }),
            }),
        };
        return JsonSerializer.Serialize(document, new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }

    /// <summary>Writes <see cref="Json"/> to <paramref name="path"/> through a temp file and a rename.</summary>
    public static void WriteJson(DoctorReport report, string path)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temp = full + $".{Guid.NewGuid():N}.tmp";
        try
        {
            File.WriteAllText(temp, Json(report) + "\n");
            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    private static string SeverityText(CheckFinding finding) =>
        (finding.Severity == FindingSeverity.Error ? "error" : "warning") + (finding.Allowed ? " (allowed)" : "");

    private static string SourceName(GraphSource source) => source switch
    {
        GraphSource.CargoMetadata => "cargo-metadata",
        GraphSource.CargoLock => "cargo-lock",
        _ => "manifests",
    };
}
