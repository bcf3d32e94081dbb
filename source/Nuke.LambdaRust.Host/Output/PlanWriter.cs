namespace Nuke.LambdaRust.Host;

/// <summary>Prints <c>--plan</c>: the targets in run order, why each is in the plan, and which are skipped or conditional.</summary>
internal static class PlanWriter
{
    public static void Write(TextWriter output, ExecutionPlan plan, IReadOnlyDictionary<string, IReadOnlyList<string>>? details = null)
    {
        var width = plan.Targets.Select(t => t.Name.Length).DefaultIfEmpty(0).Max() + 3;
        var number = plan.Targets.Count.ToString().Length;
        output.WriteLine("Execution plan:");
        for (var i = 0; i < plan.Targets.Count; i++)
        {
            var target = plan.Targets[i];
            var line = $"  {(i + 1).ToString().PadLeft(number)}. {target.Name.PadRight(width)}{target.Reason}";
            if (target.SkipReason is not null)
                line += $" — skipped ({target.SkipReason})";
            else if (target.Definition.Condition is not null)
                line += $" — only when {target.Definition.ConditionDescription ?? "its condition holds"}";
            output.WriteLine(line);
            foreach (var detail in details?.GetValueOrDefault(target.Name) ?? [])
                output.WriteLine($"  {new string(' ', number + 2)}{detail}");
        }

        var skipped = plan.Targets.Where(t => t.SkipReason is not null).Select(t => t.Name).ToList();
        output.WriteLine();
        output.WriteLine(skipped.Count == 0 ? "Skipped: none" : $"Skipped: {string.Join(", ", skipped)}");
        output.WriteLine("Nothing was run (--plan).");
        output.Flush();
    }
}
