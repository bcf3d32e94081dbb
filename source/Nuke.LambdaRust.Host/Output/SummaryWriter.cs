using System.Globalization;

namespace Nuke.LambdaRust.Host;

/// <summary>The table at the end of a run (Target, Status, Duration, Note) and the closing "Build succeeded on …" line.</summary>
internal static class SummaryWriter
{
    public static void Write(TextWriter output, IReadOnlyList<TargetResult> results, TimeSpan total, string outcome, bool table)
    {
        if (table)
        {
            var nameWidth = Math.Max("Target".Length, results.Select(r => r.Name.Length).DefaultIfEmpty(0).Max()) + 3;
            const int statusWidth = 12;
            const int durationWidth = 10;
            var rows = results.Select(r => Row(r.Name, r.Status.ToString(), r.Duration is { } d ? Format(d) : "", r.Note ?? "")).ToList();
            var header = Row("Target", "Status", "Duration", "Note");
            var footer = Row("Total", "", Format(total), "");
            var width = rows.Append(header).Select(r => r.Length).Max();

            output.WriteLine();
            output.WriteLine(new string('═', width));
            output.WriteLine(header);
            output.WriteLine(new string('─', width));
            foreach (var row in rows)
                output.WriteLine(row);
            output.WriteLine(new string('─', width));
            output.WriteLine(footer);
            output.WriteLine(new string('═', width));

            string Row(string name, string status, string duration, string note) =>
                (name.PadRight(nameWidth) + status.PadRight(statusWidth) + duration.PadLeft(durationWidth - 2).PadRight(durationWidth) + note).TrimEnd();
        }

        output.WriteLine();
        output.WriteLine($"Build {outcome} on {DateTime.Now.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)}.");
        output.Flush();
    }

    /// <summary><c>&lt; 1s</c>, <c>0:42</c>, <c>12:05</c>, <c>1:02:03</c>.</summary>
    internal static string Format(TimeSpan duration) =>
        duration < TimeSpan.FromSeconds(1) ? "< 1s"
        : duration < TimeSpan.FromHours(1) ? duration.ToString(@"m\:ss", CultureInfo.InvariantCulture)
        : duration.ToString(@"h\:mm\:ss", CultureInfo.InvariantCulture);
}
