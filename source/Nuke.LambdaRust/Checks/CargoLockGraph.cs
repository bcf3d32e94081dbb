using Nuke.LambdaRust.Cargo;
using Tomlyn.Model;

namespace Nuke.LambdaRust.Checks;

/// <summary>
/// The fallback graph when cargo cannot resolve (offline, crate sources missing): the packages and edges of
/// <c>Cargo.lock</c>, the workspace manifests for the features and dependency kinds they ask for, and each crate's own
/// manifest where its source is on this machine (a directory source such as Debian's registry, or cargo's registry
/// cache) for <c>links</c>, <c>rust-version</c> and build dependencies. Without a Cargo.lock only the members' direct
/// dependencies are known.
/// </summary>
internal static class CargoLockGraph
{
    // Build helpers: when a crate's manifest cannot be read, a lock edge to one of them is taken as a build dependency.
    private static readonly HashSet<string> BuildHelpers = ["cc", "cmake", "pkg-config", "vcpkg", "bindgen", "autocfg"];

    public static DependencyGraph Load(CargoWorkspace workspace, string reason)
    {
        var lockPath = Path.Combine(workspace.WorkspaceRoot, "Cargo.lock");
        var members = workspace.Packages.Select(p => (Package: p, Manifest: MemberManifest.Read(p.ManifestPath))).ToList();
        return File.Exists(lockPath)
            ? FromLock(lockPath, workspace, members, reason)
            : FromManifests(members, reason);
    }

    private static DependencyGraph FromLock(string lockPath, CargoWorkspace workspace, List<(CargoPackage Package, MemberManifest Manifest)> members, string reason)
    {
        var lockFile = CargoManifest.Read(lockPath);
        var entries = (lockFile.TryGetValue("package", out var list) ? list as TomlTableArray : null) ?? [];
        var packages = entries.Select(e => (
                Name: e.TryGetValue("name", out var n) ? n as string ?? "" : "",
                Version: e.TryGetValue("version", out var v) ? v as string ?? "" : "",
                Source: e.TryGetValue("source", out var s) ? s as string : null,
                Dependencies: (e.TryGetValue("dependencies", out var d) ? d as TomlArray : null)?.OfType<string>().ToList() ?? []))
            .Where(p => p.Name.Length > 0)
            .ToList();
        var byName = packages.GroupBy(p => p.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var sources = CrateSources.For(workspace.WorkspaceRoot);

        // Features the members ask of their dependencies, by dependency name.
        var requested = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var (_, manifest) in members)
        {
            foreach (var (name, features) in manifest.Features)
            {
                if (!requested.TryGetValue(name, out var set))
                    requested[name] = set = new HashSet<string>(StringComparer.Ordinal);
                set.UnionWith(features);
            }
        }

        var nodes = new List<CrateNode>();
        foreach (var package in packages)
        {
            var member = package.Source is null ? members.FirstOrDefault(m => m.Package.Name == package.Name) : default;
            var isMember = member.Package is not null;
            var crateManifest = isMember ? null : sources.Find(package.Name, package.Version);
            var edges = new List<CrateEdge>();
            var build = new HashSet<string>(StringComparer.Ordinal);
            foreach (var dependency in package.Dependencies)
            {
                var parts = dependency.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (parts.Length == 0 || !byName.TryGetValue(parts[0], out var candidates))
                    continue;
                var target = parts.Length > 1 ? candidates.FirstOrDefault(c => c.Version == parts[1]) : candidates[0];
                if (target.Name is null)
                    continue;
                var manifest = isMember ? member.Manifest : crateManifest;
                if (manifest is not null && manifest.IsDevOnly(target.Name))
                    continue;
                if (manifest?.BuildDependencies.Contains(target.Name) ?? BuildHelpers.Contains(target.Name))
                {
                    build.Add(target.Name);
                    if (!(manifest?.NormalDependencies.Contains(target.Name) ?? false))
                        continue;
                }

                edges.Add(new CrateEdge($"{target.Name} {target.Version}", null));
            }

            nodes.Add(new CrateNode($"{package.Name} {package.Version}", package.Name, package.Version)
            {
                Links = crateManifest?.Links ?? (isMember ? member.Manifest.Links : NativeLibraryNames.KnownLinks.GetValueOrDefault(package.Name)),
                RustVersion = isMember ? member.Manifest.RustVersion : crateManifest?.RustVersion,
                Features = requested.GetValueOrDefault(package.Name) ?? new HashSet<string>(StringComparer.Ordinal),
                Dependencies = edges,
                BuildDependencies = build,
                IsWorkspaceMember = isMember,
            });
        }

        return new DependencyGraph(GraphSource.CargoLock, nodes, reason);
    }

    private static DependencyGraph FromManifests(List<(CargoPackage Package, MemberManifest Manifest)> members, string reason)
    {
        var nodes = new Dictionary<string, CrateNode>(StringComparer.Ordinal);
        foreach (var (package, manifest) in members)
        {
            var id = $"{package.Name} {package.Version}";
            nodes[id] = new CrateNode(id, package.Name, package.Version)
            {
                IsWorkspaceMember = true,
                Links = manifest.Links,
                RustVersion = manifest.RustVersion,
                BuildDependencies = manifest.BuildDependencies,
                Dependencies = manifest.NormalDependencies.Select(name => new CrateEdge(name + " ?", null)).ToList(),
            };
        }

        foreach (var (_, manifest) in members)
        {
            foreach (var name in manifest.NormalDependencies)
            {
                var id = name + " ?";
                if (nodes.ContainsKey(id))
                    continue;
                nodes[id] = new CrateNode(id, name, "?")
                {
                    Links = NativeLibraryNames.KnownLinks.GetValueOrDefault(name),
                    Features = manifest.Features.GetValueOrDefault(name) ?? new HashSet<string>(StringComparer.Ordinal),
                };
            }
        }

        return new DependencyGraph(GraphSource.Manifests, nodes.Values, reason);
    }
}
