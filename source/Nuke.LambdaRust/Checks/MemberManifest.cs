using Nuke.LambdaRust.Cargo;
using Tomlyn.Model;

namespace Nuke.LambdaRust.Checks;

/// <summary>What a crate's Cargo.toml says about its dependencies, for the Cargo.lock fallback graph.</summary>
internal sealed class MemberManifest
{
    private MemberManifest() { }

    /// <summary>Its <c>package.links</c>.</summary>
    public string? Links { get; private init; }

    /// <summary>Its <c>package.rust-version</c>.</summary>
    public string? RustVersion { get; private init; }

    /// <summary>Package names of its normal dependencies (any target).</summary>
    public HashSet<string> NormalDependencies { get; } = new(StringComparer.Ordinal);

    /// <summary>Package names of its build dependencies.</summary>
    public HashSet<string> BuildDependencies { get; } = new(StringComparer.Ordinal);

    /// <summary>Package names of its dev dependencies.</summary>
    public HashSet<string> DevDependencies { get; } = new(StringComparer.Ordinal);

    /// <summary>The features it asks of each normal dependency, by package name.</summary>
    public Dictionary<string, HashSet<string>> Features { get; } = new(StringComparer.Ordinal);

    /// <summary>True when <paramref name="name"/> is only a dev dependency here (never linked into a binary).</summary>
    public bool IsDevOnly(string name) => DevDependencies.Contains(name) && !NormalDependencies.Contains(name) && !BuildDependencies.Contains(name);

    /// <summary>Reads <paramref name="path"/>; a malformed file is reported as file:line:column.</summary>
    public static MemberManifest Read(string path)
    {
        var table = CargoManifest.Read(path);
        var package = table.TryGetValue("package", out var p) ? p as TomlTable : null;
        var manifest = new MemberManifest
        {
            Links = package is not null && package.TryGetValue("links", out var links) ? links as string : null,
            RustVersion = package is not null && package.TryGetValue("rust-version", out var version) ? version as string : null,
        };

        manifest.Add(table);
        if (table.TryGetValue("target", out var targets) && targets is TomlTable targetTable)
        {
            foreach (var (_, value) in targetTable)
            {
                if (value is TomlTable platform)
                    manifest.Add(platform);
            }
        }

        return manifest;
    }

    private void Add(TomlTable table)
    {
        Collect(table, "dependencies", NormalDependencies, features: true);
        Collect(table, "build-dependencies", BuildDependencies, features: false);
        Collect(table, "build_dependencies", BuildDependencies, features: false);
        Collect(table, "dev-dependencies", DevDependencies, features: false);
        Collect(table, "dev_dependencies", DevDependencies, features: false);
    }

    private void Collect(TomlTable table, string key, HashSet<string> names, bool features)
    {
        if (!table.TryGetValue(key, out var value) || value is not TomlTable dependencies)
            return;
        foreach (var (name, spec) in dependencies)
        {
            var detail = spec as TomlTable;
            var package = detail is not null && detail.TryGetValue("package", out var renamed) && renamed is string real ? real : name;
            names.Add(package);
            if (!features || detail is null || !detail.TryGetValue("features", out var list) || list is not TomlArray array)
                continue;
            if (!Features.TryGetValue(package, out var set))
                Features[package] = set = new HashSet<string>(StringComparer.Ordinal);
            set.UnionWith(array.OfType<string>());
        }
    }
}
