using System.Globalization;

namespace Build.Benchmarks;

/// <summary>The results as a markdown table: one row per case, times in seconds, memory in MiB.</summary>
internal static class MarkdownTable
{
    public static readonly IReadOnlyList<string> Columns =
        ["Case", "Ours (A)", "Baseline (B)", "Runs", "A median (min–max) s", "B median (min–max) s", "A/B", "A−B s", "Peak MiB A / B", "Goal", "Met", "Notes"];

    public static string Render(IEnumerable<BenchmarkResult> results)
    {
        var lines = new List<string> { Row(Columns), Row(Columns.Select(_ => "---")) };
        foreach (var result in results)
        {
            if (result.NotRun is { } reason)
            {
                lines.Add(Row([result.Name, "—", "—", "0", "—", "—", "—", "—", "—", result.Goal, "not run", reason]));
                continue;
            }

            var ours = result.Ours!;
            var baseline = result.Baseline!;
            lines.Add(Row([
                result.Name, result.OursLabel, result.BaselineLabel, $"{ours.Count}+{baseline.Count}",
                Spread(ours), Spread(baseline), Number(result.Ratio, "F3"), Number(result.Difference, "+0.000;-0.000"),
                $"{Memory(ours)} / {Memory(baseline)}", result.Goal, result.Met switch { true => "yes", false => "no", null => "—" }, result.Detail ?? "",
            ]));
        }

        return string.Join('\n', lines) + '\n';
    }

    private static string Spread(Sample sample) =>
        $"{Number(sample.Median, "F3")} ({Number(sample.Min, "F3")}–{Number(sample.Max, "F3")})";

    private static string Memory(Sample sample) => sample.PeakKib is { } kib ? Number(kib / 1024.0, "F0") : "—";

    private static string Number(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);

    private static string Row(IEnumerable<string> cells) => "| " + string.Join(" | ", cells.Select(c => c.Replace("|", "\\|", StringComparison.Ordinal))) + " |";
}
