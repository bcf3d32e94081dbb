using System.Text.Json;
using Microsoft.Extensions.Logging;
using Nuke.LambdaRust.Cargo;
using Nuke.LambdaRust.Processes;

namespace Nuke.LambdaRust.Release;

/// <summary>
/// The workspace's resolved packages from <c>cargo metadata</c> (with dependencies): each package's folder (path
/// packages), source (registry ones) and what it links, so a change can be traced to the functions it reaches.
/// </summary>
internal sealed class WorkspaceGraph
{
    private readonly Dictionary<string, GraphPackage> _packages;
    private readonly Dictionary<string, IReadOnlyList<string>> _dependencies;

    private WorkspaceGraph(Dictionary<string, GraphPackage> packages, Dictionary<string, IReadOnlyList<string>> dependencies)
    {
        _packages = packages;
        _dependencies = dependencies;
    }

    /// <summary>Every package of the resolve.</summary>
    public IReadOnlyCollection<GraphPackage> Packages => _packages.Values;

    /// <summary>Runs <c>cargo metadata</c> for <paramref name="manifestPath"/>.</summary>
    public static async Task<WorkspaceGraph> LoadAsync(string manifestPath, bool offline, ILogger logger, CancellationToken cancellationToken)
    {
        var arguments = new List<string> { "metadata", "--format-version", "1", "--manifest-path", manifestPath };
        if (offline)
            arguments.Add("--offline");
        var invocation = new ToolInvocation(CargoCommand.Default.FileName, arguments) { WorkingDirectory = Path.GetDirectoryName(manifestPath) };
        var result = await ProcessRunner.RunAsync(invocation, logger, cancellationToken, onOutput: _ => { },
            fixOnFailure: "Fix what cargo reports (the workspace must resolve for --changed-since to trace dependencies).").ConfigureAwait(false);
        return Parse(string.Join('\n', result.StandardOutput));
    }

    internal static WorkspaceGraph Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        var packages = new Dictionary<string, GraphPackage>(StringComparer.Ordinal);
        foreach (var package in root.GetProperty("packages").EnumerateArray())
        {
            var id = package.GetProperty("id").GetString()!;
            var source = package.TryGetProperty("source", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString() : null;
            packages[id] = new GraphPackage(id, package.GetProperty("name").GetString()!, package.GetProperty("version").GetString()!, source,
                Path.GetDirectoryName(package.GetProperty("manifest_path").GetString()!)!);
        }

        var dependencies = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        if (root.TryGetProperty("resolve", out var resolve) && resolve.ValueKind == JsonValueKind.Object)
        {
            foreach (var node in resolve.GetProperty("nodes").EnumerateArray())
            {
                // Normal and build dependencies end up in (or build) the binary; dev-dependencies only in tests.
                dependencies[node.GetProperty("id").GetString()!] = node.GetProperty("deps").EnumerateArray()
                    .Where(d => !d.TryGetProperty("dep_kinds", out var kinds) || kinds.GetArrayLength() == 0
                                || kinds.EnumerateArray().Any(k => k.GetProperty("kind").GetString() != "dev"))
                    .Select(d => d.GetProperty("pkg").GetString()!)
                    .ToList();
            }
        }

        return new WorkspaceGraph(packages, dependencies);
    }

    /// <summary>The package of a workspace member by its manifest.</summary>
    public GraphPackage? Member(string manifestPath) =>
        _packages.Values.FirstOrDefault(p => p.Source is null && string.Equals(p.Directory, Path.GetDirectoryName(Path.GetFullPath(manifestPath)), StringComparison.Ordinal));

    /// <summary><paramref name="root"/> and every package it depends on, transitively (dev-dependencies left out).</summary>
    public IReadOnlyList<GraphPackage> Closure(GraphPackage root)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal) { root.Id };
        var pending = new Queue<string>([root.Id]);
        while (pending.TryDequeue(out var id))
        {
            foreach (var next in _dependencies.GetValueOrDefault(id) ?? [])
            {
                if (seen.Add(next))
                    pending.Enqueue(next);
            }
        }

        return seen.Select(id => _packages[id]).OrderBy(p => p.Name, StringComparer.Ordinal).ToList();
    }
}

/// <summary>A package of the resolve.</summary>
/// <param name="Id">cargo's package id.</param>
/// <param name="Name">Its name.</param>
/// <param name="Version">Its version.</param>
/// <param name="Source">Where it comes from (a registry or git); null for a path package.</param>
/// <param name="Directory">The folder of its Cargo.toml.</param>
internal sealed record GraphPackage(string Id, string Name, string Version, string? Source, string Directory)
{
    /// <summary>Its Cargo.lock key.</summary>
    public string LockKey => CargoLockEntries.Key(Name, Version, Source);
}
