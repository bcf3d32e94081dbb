namespace Nuke.LambdaRust.Host;

/// <summary>A target in the plan, why it is there, and whether <c>--skip</c> skips it.</summary>
/// <param name="Definition">The target.</param>
/// <param name="Invoked">Named on the command line (or the default target).</param>
/// <param name="DependencyOf">Planned targets that depend on it.</param>
/// <param name="TriggeredBy">Planned targets that trigger it.</param>
/// <param name="SkipReason">Why it is skipped without running, or null.</param>
/// <param name="Requires">Planned targets that must not fail for it to run: its dependencies and the targets that trigger it.</param>
internal sealed record PlannedTarget(
    TargetDefinition Definition,
    bool Invoked,
    IReadOnlyList<string> DependencyOf,
    IReadOnlyList<string> TriggeredBy,
    string? SkipReason,
    IReadOnlyList<TargetDefinition> Requires)
{
    public string Name => Definition.Name;

    /// <summary><c>invoked</c>, <c>dependency of Compile, Package</c>, <c>triggered by Package</c>, joined by <c>; </c>.</summary>
    public string Reason
    {
        get
        {
            var reasons = new List<string>();
            if (Invoked)
                reasons.Add("invoked");
            if (DependencyOf.Count > 0)
                reasons.Add("dependency of " + string.Join(", ", DependencyOf));
            if (TriggeredBy.Count > 0)
                reasons.Add("triggered by " + string.Join(", ", TriggeredBy));
            return string.Join("; ", reasons);
        }
    }
}

/// <summary>
/// The targets to run, in order: the invoked ones, their dependencies (transitively) and the targets they trigger;
/// each once, every target after what it depends on, what triggers it and what it is ordered after.
/// </summary>
internal sealed class ExecutionPlan
{
    private ExecutionPlan(IReadOnlyList<PlannedTarget> targets) => Targets = targets;

    public IReadOnlyList<PlannedTarget> Targets { get; }

    /// <param name="graph">The validated graph.</param>
    /// <param name="invoked">The targets asked for, in the order given.</param>
    /// <param name="skip">True when <c>--skip</c> was given.</param>
    /// <param name="skipTargets">Targets named after <c>--skip</c>; none means all but the invoked ones.</param>
    public static ExecutionPlan Create(ResolvedGraph graph, IReadOnlyList<TargetDefinition> invoked, bool skip, IReadOnlyCollection<TargetDefinition> skipTargets)
    {
        var planned = new HashSet<TargetDefinition>(ReferenceEqualityComparer.Instance);
        var pending = new Queue<TargetDefinition>(invoked);
        while (pending.TryDequeue(out var target))
        {
            if (!planned.Add(target))
                continue;
            foreach (var next in graph.DependenciesOf(target).Concat(graph.TriggersOf(target)))
                pending.Enqueue(next);
        }

        // Post-order depth-first search from the invoked targets (in the order given), then from the rest in graph order:
        // every target comes after all its planned predecessors, and otherwise as close to the user's order as possible.
        var order = new List<TargetDefinition>();
        var visited = new HashSet<TargetDefinition>(ReferenceEqualityComparer.Instance);
        foreach (var root in invoked.Concat(graph.Targets.Where(planned.Contains)))
            Visit(root);

        return new ExecutionPlan(order.Select(target => new PlannedTarget(
            target,
            invoked.Contains(target, ReferenceEqualityComparer.Instance),
            order.Where(t => graph.DependenciesOf(t).Contains(target, ReferenceEqualityComparer.Instance)).Select(t => t.Name).ToList(),
            order.Where(t => graph.TriggersOf(t).Contains(target, ReferenceEqualityComparer.Instance)).Select(t => t.Name).ToList(),
            SkipReason(target),
            order.Where(t => graph.DependenciesOf(target).Contains(t, ReferenceEqualityComparer.Instance)
                             || graph.TriggersOf(t).Contains(target, ReferenceEqualityComparer.Instance)).ToList())).ToList());

        void Visit(TargetDefinition target)
        {
            if (!visited.Add(target))
                return;
            foreach (var predecessor in graph.RunsAfter(target).Where(planned.Contains))
                Visit(predecessor);
            order.Add(target);
        }

        string? SkipReason(TargetDefinition target)
        {
            if (!skip)
                return null;
            if (skipTargets.Count == 0)
                return invoked.Contains(target, ReferenceEqualityComparer.Instance) ? null : "--skip: not invoked";
            return skipTargets.Contains(target, ReferenceEqualityComparer.Instance) ? "--skip" : null;
        }
    }
}
