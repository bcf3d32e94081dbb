using System.Text.Json;
using Microsoft.Extensions.Logging;
using Nuke.LambdaRust.Processes;

namespace Nuke.LambdaRust.Cargo;

/// <summary>
/// A Cargo workspace (or a single package) as <c>cargo metadata --no-deps</c> reports it: its members, where it builds,
/// and its Lambda functions — every <c>bin</c> target of every member, as <c>cargo lambda build</c> sees them.
/// </summary>
public sealed class CargoWorkspace
{
    private CargoWorkspace(
        string workspaceRoot,
        string targetDirectory,
        IReadOnlyList<CargoPackage> packages,
        JsonElement? workspaceMetadata)
    {
        WorkspaceRoot = workspaceRoot;
        RootManifestPath = Path.Combine(workspaceRoot, "Cargo.toml");
        TargetDirectory = targetDirectory;
        Packages = packages;
        WorkspaceMetadata = workspaceMetadata;
        Functions = packages
            .SelectMany(package => package.BinTargets.Select(bin => new LambdaFunction(bin, package.Name, package.ManifestPath)
            {
                RequiredFeatures = package.RequiredFeatures.GetValueOrDefault(bin) ?? [],
            }))
            .OrderBy(function => function.Name, StringComparer.Ordinal)
            .ThenBy(function => function.Package, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The folder of the workspace root's Cargo.toml (the package's folder for a crate outside any workspace).</summary>
    public string WorkspaceRoot { get; }

    /// <summary>The workspace root's Cargo.toml.</summary>
    public string RootManifestPath { get; }

    /// <summary>Where cargo builds, with <c>CARGO_TARGET_DIR</c> and <c>build.target-dir</c> already applied.</summary>
    public string TargetDirectory { get; }

    /// <summary>The workspace members, sorted by name.</summary>
    public IReadOnlyList<CargoPackage> Packages { get; }

    /// <summary>Every <c>bin</c> target of every member, sorted by name (then package).</summary>
    public IReadOnlyList<LambdaFunction> Functions { get; }

    /// <summary>The root's <c>[workspace.metadata]</c> table, as cargo resolved it; null when there is none.</summary>
    public JsonElement? WorkspaceMetadata { get; }

    /// <summary>
    /// Runs <c>cargo metadata --format-version 1 --no-deps</c> for <paramref name="manifestPath"/> and reads the workspace.
    /// The manifest is parsed first, so a TOML syntax error is reported as <c>file:line:column</c>.
    /// </summary>
    /// <param name="manifestPath">A Cargo.toml, or a folder that holds one; relative paths are taken from the current directory.</param>
    /// <param name="logger">Receives the cargo command line and its error output.</param>
    /// <param name="cargo">How to start cargo; <see cref="CargoCommand.Default"/> when null.</param>
    /// <param name="cancellationToken">Stops cargo.</param>
    /// <exception cref="LambdaRustException">
    /// No Cargo.toml at the path, invalid TOML, cargo metadata failed (its error lines are quoted), or the workspace has no bin target.
    /// </exception>
    public static async Task<CargoWorkspace> LoadAsync(
        string manifestPath,
        ILogger logger,
        CargoCommand? cargo = null,
        CancellationToken cancellationToken = default)
    {
        cargo ??= CargoCommand.Default;
        var manifest = ResolveManifest(manifestPath);
        CargoManifest.Read(manifest);

        var invocation = new ToolInvocation(
            cargo.FileName,
            [.. cargo.PrefixArguments, "metadata", "--format-version", "1", "--no-deps", "--manifest-path", manifest])
        {
            WorkingDirectory = Path.GetDirectoryName(manifest),
            Environment = cargo.Environment,
        };

        ToolResult result;
        try
        {
            // The JSON goes to the parser, not the log.
            result = await ProcessRunner.RunAsync(invocation, logger, cancellationToken, onOutput: _ => { }).ConfigureAwait(false);
        }
        catch (ProcessFailedException failure)
        {
            var quoted = failure.StandardErrorTail.Count > 0
                ? string.Join(Environment.NewLine, failure.StandardErrorTail.Select(line => "  " + line))
                : $"  (no error output; exit code {failure.ExitCode})";
            throw new LambdaRustException(
                $"cargo metadata failed for '{manifest}':{Environment.NewLine}{quoted}",
                "Fix what cargo reports above (a broken or missing member manifest is named in its message), then run again.",
                failure);
        }

        return Parse(string.Join('\n', result.StandardOutput), manifest);
    }

    /// <summary>Reads the JSON of <c>cargo metadata --format-version 1</c>.</summary>
    internal static CargoWorkspace Parse(string metadataJson, string manifest)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(metadataJson);
        }
        catch (JsonException exception)
        {
            throw new LambdaRustException(
                $"cargo metadata for '{manifest}' did not print valid JSON: {exception.Message}",
                "Check that the cargo in use is a real cargo (1.40 or newer) and that nothing else writes to its standard output.",
                exception);
        }

        using (document)
        {
            var root = document.RootElement;
            var workspaceRoot = RequiredString(root, "workspace_root", manifest);
            var targetDirectory = RequiredString(root, "target_directory", manifest);
            var members = root.TryGetProperty("workspace_members", out var memberIds) && memberIds.ValueKind == JsonValueKind.Array
                ? memberIds.EnumerateArray().Select(id => id.GetString()).OfType<string>().ToHashSet(StringComparer.Ordinal)
                : [];

            var packages = new List<CargoPackage>();
            if (root.TryGetProperty("packages", out var packageArray) && packageArray.ValueKind == JsonValueKind.Array)
            {
                foreach (var package in packageArray.EnumerateArray())
                {
                    // --no-deps lists members only; the filter also keeps out path dependencies of older cargos.
                    if (package.TryGetProperty("id", out var id) && !members.Contains(id.GetString() ?? ""))
                        continue;
                    packages.Add(ReadPackage(package, manifest));
                }
            }

            packages.Sort((a, b) => StringComparer.Ordinal.Compare(a.Name, b.Name));
            var workspace = new CargoWorkspace(workspaceRoot, targetDirectory, packages, ObjectOrNull(root, "metadata"));
            if (workspace.Functions.Count == 0)
            {
                var names = packages.Count > 0 ? string.Join(", ", packages.Select(p => p.Name)) : "none";
                throw new LambdaRustException(
                    $"The Cargo project '{workspace.RootManifestPath}' has no bin targets, so there is no Lambda function to build (packages: {names}).",
                    "A Lambda function is a binary: add src/main.rs or src/bin/<name>.rs to a package, or a [[bin]] section to its Cargo.toml.");
            }

            return workspace;
        }
    }

    /// <summary>
    /// The functions to build. Empty <paramref name="names"/> means every function (of the chosen packages);
    /// empty <paramref name="packages"/> means every package. The result is sorted by name.
    /// </summary>
    /// <param name="names">Function (bin target) names.</param>
    /// <param name="packages">Package names that limit the choice.</param>
    /// <exception cref="LambdaRustException">
    /// An unknown package or function (the message lists the real ones and suggests the closest), or a selection that
    /// takes two functions of the same name from different packages (their outputs would overwrite each other).
    /// </exception>
    public IReadOnlyList<LambdaFunction> SelectFunctions(IReadOnlyCollection<string> names, IReadOnlyCollection<string> packages)
    {
        var packageNames = Packages.Select(p => p.Name).ToList();
        foreach (var package in packages)
        {
            if (!packageNames.Contains(package, StringComparer.Ordinal))
                throw new LambdaRustException(
                    $"No package '{package}' in the workspace '{RootManifestPath}'. Packages: {string.Join(", ", packageNames)}.{ClosestName.Hint(package, packageNames)}",
                    "Pass one of the packages listed (--package / Packages), or none to use them all.");
        }

        var candidates = packages.Count == 0
            ? Functions
            : Functions.Where(f => packages.Contains(f.Package, StringComparer.Ordinal)).ToList();

        List<LambdaFunction> selected;
        if (names.Count == 0)
        {
            selected = candidates.ToList();
        }
        else
        {
            selected = [];
            foreach (var name in names.Distinct(StringComparer.Ordinal))
            {
                var matches = candidates.Where(f => f.Name == name).ToList();
                if (matches.Count == 0)
                    throw UnknownFunction(name, candidates, packages);
                selected.AddRange(matches);
            }
        }

        var duplicate = selected.GroupBy(f => f.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new LambdaRustException(
                $"The function name '{duplicate.Key}' is ambiguous: it is a bin target of the packages {string.Join(", ", duplicate.Select(f => $"'{f.Package}' ({f.ManifestPath})"))}; their outputs would overwrite each other.",
                $"Choose one package with --package (Packages in code), e.g. --package {duplicate.First().Package}, or rename one of the bin targets.");

        return selected.OrderBy(f => f.Name, StringComparer.Ordinal).ThenBy(f => f.Package, StringComparer.Ordinal).ToList();
    }

    private LambdaRustException UnknownFunction(string name, IReadOnlyList<LambdaFunction> candidates, IReadOnlyCollection<string> packages)
    {
        var scope = packages.Count == 0
            ? $"the workspace '{RootManifestPath}'"
            : $"the package(s) {string.Join(", ", packages)}";
        var elsewhere = packages.Count > 0 && Functions.Any(f => f.Name == name)
            ? $" It is in package '{Functions.First(f => f.Name == name).Package}'."
            : "";
        var realNames = candidates.Select(f => f.Name).Distinct().ToList();
        return new LambdaRustException(
            $"No function '{name}' in {scope}. Functions: {string.Join(", ", realNames)}.{elsewhere}{ClosestName.Hint(name, realNames)}",
            "Pass one of the functions listed (a bin target name) with --function / Functions, or none to build them all.");
    }

    /// <summary>The Cargo.toml a path names (a folder means the Cargo.toml inside); throws when there is none.</summary>
    internal static string ResolveManifest(string manifestPath)
    {
        var path = Path.GetFullPath(manifestPath);
        if (Directory.Exists(path))
            path = Path.Combine(path, "Cargo.toml");
        if (!File.Exists(path))
            throw new LambdaRustException(
                $"No Cargo.toml at '{path}'.",
                "Point --manifest-path (ManifestPath in code) at the Cargo.toml of your Rust project or workspace, or run from its folder.");
        return path;
    }

    private static CargoPackage ReadPackage(JsonElement package, string manifest)
    {
        var bins = new List<string>();
        var requiredFeatures = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        if (package.TryGetProperty("targets", out var targets) && targets.ValueKind == JsonValueKind.Array)
        {
            foreach (var target in targets.EnumerateArray())
            {
                var isBin = target.TryGetProperty("kind", out var kinds) && kinds.ValueKind == JsonValueKind.Array &&
                            kinds.EnumerateArray().Any(kind => kind.GetString() == "bin");
                if (!isBin)
                    continue;
                var name = RequiredString(target, "name", manifest);
                bins.Add(name);
                if (Strings(target, "required-features") is { Count: > 0 } required)
                    requiredFeatures[name] = required;
            }
        }

        var features = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        if (package.TryGetProperty("features", out var table) && table.ValueKind == JsonValueKind.Object)
        {
            foreach (var feature in table.EnumerateObject())
                features[feature.Name] = feature.Value.ValueKind == JsonValueKind.Array ? Strings(feature.Value) : [];
        }

        bins.Sort(StringComparer.Ordinal);
        return new CargoPackage(
            RequiredString(package, "name", manifest),
            RequiredString(package, "version", manifest),
            RequiredString(package, "manifest_path", manifest),
            bins,
            ObjectOrNull(package, "metadata"))
        {
            Features = features,
            RequiredFeatures = requiredFeatures,
        };
    }

    private static IReadOnlyList<string>? Strings(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.Array ? Strings(value) : null;

    private static IReadOnlyList<string> Strings(JsonElement array) =>
        array.EnumerateArray().Where(item => item.ValueKind == JsonValueKind.String).Select(item => item.GetString()!).ToList();

    private static string RequiredString(JsonElement element, string property, string manifest) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw new LambdaRustException(
                $"cargo metadata for '{manifest}' has no '{property}' string where one was expected.",
                "Use a cargo that supports 'cargo metadata --format-version 1' (Rust 1.40 or newer).");

    // Cloned so that the element outlives the parsed document.
    private static JsonElement? ObjectOrNull(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined)
            ? value.Clone()
            : null;
}
