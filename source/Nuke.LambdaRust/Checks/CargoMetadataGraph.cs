using System.Text.Json;

namespace Nuke.LambdaRust.Checks;

/// <summary>
/// Reads the resolved graph of <c>cargo metadata --format-version 1</c> (with dependencies, <c>--filter-platform</c>
/// and the build's features): per package its <c>links</c>, <c>rust-version</c>, enabled features, normal and build
/// dependencies, and which feature turned each optional dependency on.
/// </summary>
internal static class CargoMetadataGraph
{
    public static DependencyGraph Parse(string json, string manifest)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException exception)
        {
            throw new LambdaRustException($"cargo metadata for '{manifest}' did not print valid JSON: {exception.Message}",
                "Check that the cargo in use is a real cargo and that nothing else writes to its standard output.", exception);
        }

        using (document)
        {
            var root = document.RootElement;
            if (!root.TryGetProperty("resolve", out var resolve) || resolve.ValueKind != JsonValueKind.Object)
            {
                throw new LambdaRustException($"cargo metadata for '{manifest}' printed no resolved dependency graph.",
                    "Use a cargo that supports 'cargo metadata --format-version 1' without --no-deps (Rust 1.41 or newer).");
            }

            var members = Strings(root, "workspace_members").ToHashSet(StringComparer.Ordinal);
            var packages = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
            foreach (var package in root.GetProperty("packages").EnumerateArray())
                packages[package.GetProperty("id").GetString()!] = package;

            var nodes = new List<CrateNode>();
            foreach (var node in resolve.GetProperty("nodes").EnumerateArray())
            {
                var id = node.GetProperty("id").GetString()!;
                if (!packages.TryGetValue(id, out var package))
                    continue;
                var features = Strings(node, "features").ToHashSet(StringComparer.Ordinal);
                var featureMap = FeatureMap(package);
                var declared = DeclaredDependencies(package);
                var normal = new List<CrateEdge>();
                var build = new HashSet<string>(StringComparer.Ordinal);
                if (node.TryGetProperty("deps", out var deps))
                {
                    foreach (var dep in deps.EnumerateArray())
                    {
                        var target = dep.GetProperty("pkg").GetString()!;
                        var targetName = packages.TryGetValue(target, out var targetPackage) ? targetPackage.GetProperty("name").GetString()! : target;
                        var kinds = dep.TryGetProperty("dep_kinds", out var kindArray)
                            ? kindArray.EnumerateArray().Select(k => k.TryGetProperty("kind", out var kind) && kind.ValueKind == JsonValueKind.String ? kind.GetString() : null).ToList()
                            : [null];
                        if (kinds.Contains(null))
                            normal.Add(new CrateEdge(target, EnablingFeature(targetName, declared, featureMap, features)));
                        if (kinds.Contains("build"))
                            build.Add(targetName);
                    }
                }

                nodes.Add(new CrateNode(id, package.GetProperty("name").GetString()!, package.GetProperty("version").GetString()!)
                {
                    Links = OptionalString(package, "links"),
                    RustVersion = OptionalString(package, "rust_version"),
                    Features = features,
                    Dependencies = normal,
                    BuildDependencies = build,
                    IsProcMacro = package.TryGetProperty("targets", out var targets) && targets.EnumerateArray().Any(t =>
                        t.TryGetProperty("kind", out var kind) && kind.EnumerateArray().Any(k => k.GetString() == "proc-macro")),
                    IsWorkspaceMember = members.Contains(id),
                });
            }

            return new DependencyGraph(GraphSource.CargoMetadata, nodes);
        }
    }

    /// <summary>
    /// The feature of the depending package that turns an optional dependency on: among its enabled features whose
    /// expansion names the dependency (<c>dep:x</c>, <c>x</c>, <c>x/feature</c>), the most specific — the one that enables
    /// no other such feature (<c>default-tls</c> rather than <c>default</c>); the dependency's implicit feature only when
    /// nothing else enables it.
    /// </summary>
    internal static string? EnablingFeature(
        string dependencyName, List<(string Name, string Key, bool Optional)> declared, Dictionary<string, string[]> featureMap, HashSet<string> enabled)
    {
        var declaration = declared.FirstOrDefault(d => d.Name == dependencyName && d.Optional);
        if (declaration.Key is null)
            return null;
        var key = declaration.Key;

        var candidates = enabled.Where(feature => Closure(feature, featureMap).Any(entry => Names(entry, key))).ToList();
        var explicitOnes = candidates.Where(c => c != key).ToList();
        var pool = explicitOnes.Count > 0 ? explicitOnes : candidates;
        return pool
            .Where(c => !pool.Any(other => other != c && Closure(c, featureMap).Contains(other)))
            .Order(StringComparer.Ordinal)
            .FirstOrDefault();
    }

    private static bool Names(string entry, string key) =>
        entry == "dep:" + key || entry == key || entry.StartsWith(key + "/", StringComparison.Ordinal);

    /// <summary>A feature and everything it turns on among the package's own features (and the entries naming dependencies).</summary>
    private static HashSet<string> Closure(string feature, Dictionary<string, string[]> featureMap)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal) { feature };
        var stack = new Stack<string>([feature]);
        while (stack.Count > 0)
        {
            if (!featureMap.TryGetValue(stack.Pop(), out var entries))
                continue;
            foreach (var entry in entries)
            {
                if (seen.Add(entry) && featureMap.ContainsKey(entry))
                    stack.Push(entry);
            }
        }

        return seen;
    }

    private static Dictionary<string, string[]> FeatureMap(JsonElement package) =>
        package.TryGetProperty("features", out var features) && features.ValueKind == JsonValueKind.Object
            ? features.EnumerateObject().ToDictionary(f => f.Name, f => f.Value.EnumerateArray().Select(e => e.GetString() ?? "").ToArray(), StringComparer.Ordinal)
            : new Dictionary<string, string[]>(StringComparer.Ordinal);

    private static List<(string Name, string Key, bool Optional)> DeclaredDependencies(JsonElement package)
    {
        var declared = new List<(string, string, bool)>();
        if (!package.TryGetProperty("dependencies", out var dependencies))
            return declared;
        foreach (var dependency in dependencies.EnumerateArray())
        {
            var kind = OptionalString(dependency, "kind");
            if (kind is "dev" or "build")
                continue;
            var name = dependency.GetProperty("name").GetString()!;
            var optional = dependency.TryGetProperty("optional", out var flag) && flag.ValueKind == JsonValueKind.True;
            declared.Add((name, OptionalString(dependency, "rename") ?? name, optional));
        }

        return declared;
    }

    private static IEnumerable<string> Strings(JsonElement element, string property) =>
        element.TryGetProperty(property, out var array) && array.ValueKind == JsonValueKind.Array
            ? array.EnumerateArray().Select(e => e.GetString()).OfType<string>()
            : [];

    private static string? OptionalString(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
