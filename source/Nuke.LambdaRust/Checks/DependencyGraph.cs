namespace Nuke.LambdaRust.Checks;

/// <summary>
/// The crates a build links, as one graph: nodes by id, the workspace members, and where the graph came from. The
/// Doctor's rules ask it which crates a function pulls in and by which path.
/// </summary>
public sealed class DependencyGraph
{
    private readonly Dictionary<string, CrateNode> _nodes;

    /// <summary>Creates a graph.</summary>
    /// <param name="source">Where it came from.</param>
    /// <param name="nodes">Every crate.</param>
    /// <param name="note">Why a fallback was used, when one was.</param>
    public DependencyGraph(GraphSource source, IEnumerable<CrateNode> nodes, string? note = null)
    {
        Source = source;
        _nodes = nodes.ToDictionary(n => n.Id, StringComparer.Ordinal);
        Note = note;
    }

    /// <summary>Where the graph came from.</summary>
    public GraphSource Source { get; }

    /// <summary>How long cargo took to resolve it (or to fail, before the fallback).</summary>
    public TimeSpan CargoDuration { get; init; }

    /// <summary>Why cargo metadata could not be used, when it could not.</summary>
    public string? Note { get; }

    /// <summary>Every crate in the graph.</summary>
    public IReadOnlyCollection<CrateNode> Nodes => _nodes.Values;

    /// <summary>The crate with id <paramref name="id"/>.</summary>
    public CrateNode this[string id] => _nodes[id];

    /// <summary>The workspace member named <paramref name="package"/>; null when the graph has none.</summary>
    public CrateNode? Member(string package) =>
        _nodes.Values.FirstOrDefault(n => n.IsWorkspaceMember && n.Name == package);

    /// <summary>
    /// Every crate linked into a binary of <paramref name="root"/>, each with the shortest path from it (breadth first over
    /// normal dependencies; proc-macros are not followed, they run in the compiler). The root comes first.
    /// </summary>
    public IReadOnlyList<(CrateNode Crate, IReadOnlyList<string> Path)> Reachable(CrateNode root)
    {
        var parents = new Dictionary<string, (string Parent, string? Feature)?>(StringComparer.Ordinal) { [root.Id] = null };
        var order = new List<CrateNode> { root };
        var queue = new Queue<CrateNode>([root]);
        while (queue.Count > 0)
        {
            var crate = queue.Dequeue();
            foreach (var edge in crate.Dependencies)
            {
                if (parents.ContainsKey(edge.To) || !_nodes.TryGetValue(edge.To, out var next) || next.IsProcMacro)
                    continue;
                parents[edge.To] = (crate.Id, edge.EnabledBy);
                order.Add(next);
                queue.Enqueue(next);
            }
        }

        return order.Select(crate => (crate, PathOf(crate.Id, root, parents))).ToList();
    }

    private IReadOnlyList<string> PathOf(string id, CrateNode root, Dictionary<string, (string Parent, string? Feature)?> parents)
    {
        var steps = new List<string>();
        string? feature = null;
        for (var current = id; ; )
        {
            var node = _nodes[current];
            var label = current == root.Id ? node.Name : node.Label;
            steps.Add(feature is null ? label : $"{label} ({feature})");
            if (parents[current] is not { } parent)
                break;
            feature = parent.Feature;
            current = parent.Parent;
        }

        steps.Reverse();
        return steps;
    }
}
