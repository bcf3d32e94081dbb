using System.Text.Json;

namespace Nuke.LambdaRust.Cargo;

/// <summary>
/// Reads cargo-lambda's build configuration, so that a project that already uses cargo-lambda builds unchanged.
/// </summary>
public static class LambdaConfigReader
{
    /// <summary>The file cargo-lambda reads from where it runs upward; its <c>[build]</c> table is the lowest config-file layer.</summary>
    public const string ConfigFileName = "CargoLambda.toml";

    /// <summary>
    /// The build configuration of <paramref name="function"/>, layered as cargo-lambda layers it, lowest first:
    /// <c>CARGO_LAMBDA_*</c> variables; <c>CargoLambda.toml</c> found from the working directory upward (or the
    /// <see cref="LambdaConfigOptions.GlobalFile"/> instead; with a context its <c>[default.build]</c> and
    /// <c>[&lt;context&gt;.build]</c>); <c>[workspace.metadata.lambda.build]</c>;
    /// <c>[workspace.metadata.lambda.bin.&lt;name&gt;.build]</c>; then the package's own table — its
    /// <c>[package.metadata.lambda.bin.&lt;name&gt;]</c> when it has one (that table replaces the package's
    /// <c>[package.metadata.lambda]</c>, it is not merged with it), else <c>[package.metadata.lambda.build]</c>; and
    /// last, with a context, the file's <c>[global.build]</c>. Unlike cargo-lambda, every function gets its own package
    /// layer, also when several packages are built at once. The resulting <c>env_file</c> is read into
    /// <see cref="LambdaBuildConfig.Env"/> beneath the explicit variables.
    /// </summary>
    /// <exception cref="LambdaRustException">
    /// A key has the wrong type or an unknown value (the message names the file and the full key path), a config file
    /// is not valid TOML or the global file is missing, or the env file is missing or malformed.
    /// </exception>
    public static LambdaBuildConfig ForFunction(CargoWorkspace workspace, LambdaFunction function, LambdaConfigOptions? options = null)
    {
        options ??= new LambdaConfigOptions();
        var package = workspace.Packages.FirstOrDefault(p => p.Name == function.Package && p.ManifestPath == function.ManifestPath)
                      ?? throw new LambdaRustException(
                          $"The function '{function.Name}' names the package '{function.Package}' ({function.ManifestPath}), which is not a member of the workspace '{workspace.RootManifestPath}'.",
                          "Take the function from this workspace's Functions or SelectFunctions.");
        var environment = CargoLambdaEnvironment.Read(options.EnvironmentVariables);
        var baseDirectory = BaseDirectory(workspace, options);
        var admerge = options.Admerge ?? environment.Admerge;
        var context = options.Context ?? environment.Context;
        var layers = new Layers(function.Name, baseDirectory, admerge);

        if (environment.Build is { } fromEnvironment)
            layers.Add(fromEnvironment, [], string.Join(", ", environment.BuildVariableNames.Select(n => "environment variable " + n)), "CARGO_LAMBDA");

        var file = ConfigFile(baseDirectory, options.GlobalFile ?? environment.GlobalFile);
        JsonElement? fileDocument = file is null ? null : TomlJson.ToJsonElement(CargoManifest.Read(file));
        if (fileDocument is { } document)
        {
            if (context is null)
            {
                layers.Add(document, ["build"], file!, "");
            }
            else
            {
                layers.Add(document, ["default", "build"], file!, "");
                layers.Add(document, [context, "build"], file!, "");
            }
        }

        if (workspace.WorkspaceMetadata is { } workspaceMetadata)
        {
            layers.Add(workspaceMetadata, ["lambda", "build"], workspace.RootManifestPath, "workspace.metadata");
            layers.Add(workspaceMetadata, ["lambda", "bin", function.Name, "build"], workspace.RootManifestPath, "workspace.metadata");
        }

        if (package.Metadata is { } packageMetadata)
        {
            // cargo-lambda looks for a bin table by the binary's name, then by the package's; the one it finds stands alone.
            var binTable = new[] { function.Name, function.Package }.FirstOrDefault(name => HasTable(packageMetadata, "lambda", "bin", name));
            if (binTable is not null)
                layers.Add(packageMetadata, ["lambda", "bin", binTable, "build"], package.ManifestPath, "package.metadata");
            else
                layers.Add(packageMetadata, ["lambda", "build"], package.ManifestPath, "package.metadata");
        }

        if (fileDocument is { } globalDocument && context is not null)
            layers.Add(globalDocument, ["global", "build"], file!, "");

        var config = layers.Config;
        if (environment.CompilerSubcommand is { } subcommand)
            config = config with { CompilerSubcommand = subcommand };
        if (environment.CompilerExtraArgs is { } extraArgs)
            config = config with { CompilerExtraArgs = extraArgs };
        if (config.EnvFile is null)
            return config;

        var fromFile = EnvFileReader.Read(config.EnvFile, config.EnvFileDeclaredAt);
        var env = new Dictionary<string, string>(fromFile, StringComparer.Ordinal);
        foreach (var (key, value) in config.Env ?? new Dictionary<string, string>())
            env[key] = value;
        return config with { Env = env, Sources = [.. config.Sources, $"{config.EnvFile} (env_file)"] };
    }

    /// <summary>
    /// Where cargo-lambda would run for this workspace: the working directory when it is inside the workspace, else the
    /// workspace root (a build run from a repository root above the workspace behaves as if run in the workspace).
    /// </summary>
    public static string BaseDirectory(CargoWorkspace workspace, LambdaConfigOptions options)
    {
        var root = Path.GetFullPath(workspace.WorkspaceRoot);
        if (options.WorkingDirectory is null)
            return root;
        var working = Path.GetFullPath(options.WorkingDirectory);
        var relative = Path.GetRelativePath(root, working);
        return relative == "." || (!relative.StartsWith("..", StringComparison.Ordinal) && !Path.IsPathRooted(relative)) ? working : root;
    }

    /// <summary>The config file: the global file when given, else the nearest <c>CargoLambda.toml</c> from <paramref name="baseDirectory"/> upward.</summary>
    private static string? ConfigFile(string baseDirectory, string? globalFile)
    {
        var name = globalFile ?? ConfigFileName;
        if (Path.IsPathRooted(name))
            return File.Exists(name) ? name : throw MissingGlobal(name);
        for (var directory = new DirectoryInfo(baseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, name);
            if (File.Exists(candidate))
                return candidate;
        }

        return globalFile is null ? null : throw MissingGlobal(globalFile);
    }

    private static LambdaRustException MissingGlobal(string file) => new(
        $"The cargo-lambda config file '{file}' (--global / CARGO_LAMBDA_GLOBAL) was not found from the working directory upward.",
        "Fix the path, or unset CARGO_LAMBDA_GLOBAL to use CargoLambda.toml.");

    private static bool HasTable(JsonElement root, params string[] path)
    {
        var current = root;
        foreach (var segment in path)
        {
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(segment, out current))
                return false;
        }

        return current.ValueKind == JsonValueKind.Object;
    }

    /// <summary>The layers of one function's config, merged as they are added (lowest first).</summary>
    private sealed class Layers(string functionName, string baseDirectory, bool admerge)
    {
        public LambdaBuildConfig Config { get; private set; } = LambdaBuildConfig.Empty;

        // Finds the table at `path` under `root` and lays it over the config; `keyPrefix` is what precedes the path in
        // `file` (e.g. package.metadata, empty for CargoLambda.toml), so messages show the full key.
        public void Add(JsonElement root, string[] path, string file, string keyPrefix)
        {
            var current = root;
            var walked = keyPrefix;
            foreach (var segment in path)
            {
                if (current.ValueKind != JsonValueKind.Object)
                    throw NotATable(file, walked, current);
                if (!current.TryGetProperty(segment, out var next) || next.ValueKind == JsonValueKind.Null)
                    return;
                walked = walked.Length == 0 ? QuoteKey(segment) : $"{walked}.{QuoteKey(segment)}";
                current = next;
            }

            if (current.ValueKind != JsonValueKind.Object)
                throw NotATable(file, walked, current);
            Config = Config.MergedWith(LambdaBuildTable.Read(current, file, walked.Length == 0 ? keyPrefix : walked, functionName, baseDirectory), admerge);
        }
    }

    /// <summary>
    /// Reads an env file as cargo-lambda's <c>env_file</c> does: <c>KEY=VALUE</c> lines, <c>#</c> comments and blank lines
    /// skipped, an optional <c>export</c> prefix and surrounding quotes removed.
    /// </summary>
    /// <exception cref="LambdaRustException">The file is missing, or a line is not <c>KEY=VALUE</c> (the message gives file:line).</exception>
    public static IReadOnlyDictionary<string, string> ReadEnvFile(string path) => EnvFileReader.Read(Path.GetFullPath(path));

    private static LambdaRustException NotATable(string file, string keyPath, JsonElement found) =>
        new($"{file}: '{keyPath}' must be a table, but it is {found.ValueKind.ToString().ToLowerInvariant()} ({Shorten(found.GetRawText())}).",
            $"Make [{keyPath}] a table in {file}, as cargo-lambda documents it.");

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..37] + "...";

    // Bin names are usually bare TOML keys; anything else is shown quoted, as it would be written.
    private static string QuoteKey(string key) =>
        key.Length > 0 && key.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_') ? key : $"\"{key}\"";
}
