namespace Nuke.LambdaRust.Host;

/// <summary>
/// A validated <see cref="TargetGraph"/> with its relations resolved to definitions in both directions:
/// a target's dependencies include the targets that declare themselves <c>DependentFor</c> it, and its
/// ordering predecessors include the targets that declare themselves <c>Before</c> it.
/// </summary>
internal sealed class ResolvedGraph
{
    private readonly Dictionary<TargetDefinition, List<TargetDefinition>> _dependencies = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<TargetDefinition, List<TargetDefinition>> _triggers = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<TargetDefinition, List<TargetDefinition>> _orderedAfter = new(ReferenceEqualityComparer.Instance);

    private ResolvedGraph(TargetGraph graph)
    {
        Graph = graph;
        foreach (var target in graph.Targets)
        {
            _dependencies[target] = [];
            _triggers[target] = [];
            _orderedAfter[target] = [];
        }

        foreach (var target in graph.Targets)
        {
            foreach (var name in target.DependsOn)
                AddOnce(_dependencies[target], Find(target, name, "depends on"));
            foreach (var name in target.DependentFor)
                AddOnce(_dependencies[Find(target, name, "is declared DependentFor")], target);
            foreach (var name in target.Triggers)
                AddOnce(_triggers[target], Find(target, name, "triggers"));
            foreach (var name in target.After)
                AddOnce(_orderedAfter[target], Find(target, name, "is declared After"));
            foreach (var name in target.Before)
                AddOnce(_orderedAfter[Find(target, name, "is declared Before")], target);
        }
    }

    public TargetGraph Graph { get; }

    public IReadOnlyList<TargetDefinition> Targets => Graph.Targets;

    /// <summary>Targets that must run first and join the plan with <paramref name="target"/>.</summary>
    public IReadOnlyList<TargetDefinition> DependenciesOf(TargetDefinition target) => _dependencies[target];

    /// <summary>Targets that <paramref name="target"/> adds to the plan after itself.</summary>
    public IReadOnlyList<TargetDefinition> TriggersOf(TargetDefinition target) => _triggers[target];

    /// <summary>Targets that run before <paramref name="target"/> when both are in the plan (Before/After only).</summary>
    public IReadOnlyList<TargetDefinition> OrderedAfter(TargetDefinition target) => _orderedAfter[target];

    /// <summary>Everything that must come before <paramref name="target"/>: dependencies, triggering targets, ordering.</summary>
    public IEnumerable<TargetDefinition> RunsAfter(TargetDefinition target) =>
        _dependencies[target]
            .Concat(Targets.Where(t => _triggers[t].Contains(target, ReferenceEqualityComparer.Instance)))
            .Concat(_orderedAfter[target]);

    public static ResolvedGraph Create(TargetGraph graph)
    {
        var resolved = new ResolvedGraph(graph);
        resolved.ThrowOnCycle();
        return resolved;
    }

    private TargetDefinition Find(TargetDefinition owner, string name, string relation) =>
        Graph.FindTarget(name) ?? throw new LambdaRustException(
            $"Target '{owner.Name}' {relation} '{name}', but there is no target '{name}'.{NameMatching.DidYouMean(name, Targets.Select(t => t.Name))}",
            $"Define target '{name}' or correct the name in '{owner.Name}'.");

    private static void AddOnce(List<TargetDefinition> list, TargetDefinition target)
    {
        if (!list.Contains(target, ReferenceEqualityComparer.Instance))
            list.Add(target);
    }

    // Depth-first search along "runs after" edges; meeting a target still on the path closes a cycle.
    private void ThrowOnCycle()
    {
        var done = new HashSet<TargetDefinition>(ReferenceEqualityComparer.Instance);
        var path = new List<TargetDefinition>();

        foreach (var target in Targets)
            Visit(target);

        void Visit(TargetDefinition target)
        {
            if (done.Contains(target))
                return;
            var onPath = path.FindIndex(t => ReferenceEquals(t, target));
            if (onPath >= 0)
            {
                var cycle = path.Skip(onPath).Append(target).Select(t => t.Name);
                throw new LambdaRustException(
                    $"The targets form a cycle: {string.Join(" -> ", cycle)} (each must run after the next).",
                    "Remove one of the DependsOn/DependentFor/Before/After/Triggers relations in that cycle.");
            }

            path.Add(target);
            foreach (var predecessor in RunsAfter(target))
                Visit(predecessor);
            path.RemoveAt(path.Count - 1);
            done.Add(target);
        }
    }
}
