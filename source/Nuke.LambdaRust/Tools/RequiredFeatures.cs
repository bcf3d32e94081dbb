using Nuke.LambdaRust.Cargo;

namespace Nuke.LambdaRust.Tools;

/// <summary>
/// Which functions of a build group cargo would actually build: a bin whose <c>required-features</c> the group does not
/// enable is skipped by cargo, so it is left out with a note — unless it was asked for by name, which fails before the
/// compile with the features to enable.
/// </summary>
internal static class RequiredFeatures
{
    /// <summary>A function left out, and the features it lacks.</summary>
    public sealed record Skipped(LambdaFunction Function, IReadOnlyList<string> Missing);

    public static (BuildGroup Buildable, IReadOnlyList<Skipped> Skipped) Partition(
        BuildGroup group, CargoWorkspace workspace, IReadOnlyCollection<string> askedFor)
    {
        var skipped = new List<Skipped>();
        var kept = new List<(LambdaFunction Function, LambdaBuildConfig Config)>();
        foreach (var entry in group.Functions)
        {
            var missing = Missing(entry.Function, group, workspace);
            if (missing.Count == 0)
            {
                kept.Add(entry);
                continue;
            }

            if (askedFor.Contains(entry.Function.Name))
            {
                throw new LambdaRustException(
                    $"The function '{entry.Function.Name}' ({entry.Function.ManifestPath}) has required-features {string.Join(", ", entry.Function.RequiredFeatures)}, and this build does not enable {string.Join(", ", missing)}; cargo would not build it.",
                    $"Enable them: --features {string.Join(',', missing)} (Features in code, features in its lambda config), or --all-features.");
            }

            skipped.Add(new Skipped(entry.Function, missing));
        }

        return (group with { Functions = kept }, skipped);
    }

    /// <summary>The required features of <paramref name="function"/> that <paramref name="group"/> leaves off.</summary>
    internal static IReadOnlyList<string> Missing(LambdaFunction function, BuildGroup group, CargoWorkspace workspace)
    {
        if (function.RequiredFeatures.Count == 0 || group.Options.AllFeatures)
            return [];
        var package = workspace.Packages.First(p => p.Name == function.Package && p.ManifestPath == function.ManifestPath);
        var enabled = Enabled(package, group.Features, group.Options.NoDefaultFeatures);
        // "dep/feature" is satisfied when the dependency's feature of that name is on; we check the part we can see.
        return function.RequiredFeatures.Where(required => !enabled.Contains(required.Split('/')[0])).ToList();
    }

    /// <summary>The package's own features that <paramref name="requested"/> (and <c>default</c>) turn on, transitively.</summary>
    internal static IReadOnlySet<string> Enabled(CargoPackage package, IReadOnlyList<string> requested, bool noDefaultFeatures)
    {
        var enabled = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Queue<string>();
        foreach (var feature in requested.SelectMany(f => f.Split([',', ' '], StringSplitOptions.RemoveEmptyEntries)))
        {
            var slash = feature.IndexOf('/');
            if (slash < 0)
                pending.Enqueue(feature);
            else if (feature[..slash] == package.Name)
                pending.Enqueue(feature[(slash + 1)..]);
        }

        if (!noDefaultFeatures && package.Features.ContainsKey("default"))
            pending.Enqueue("default");
        while (pending.TryDequeue(out var feature))
        {
            if (!enabled.Add(feature))
                continue;
            foreach (var implied in package.Features.GetValueOrDefault(feature) ?? [])
            {
                // "dep:name" enables an optional dependency, "name/feature" a dependency's feature (and "name" with it).
                var name = implied.StartsWith("dep:", StringComparison.Ordinal) ? implied[4..] : implied.Split('/')[0].TrimEnd('?');
                pending.Enqueue(name);
            }
        }

        return enabled;
    }
}
