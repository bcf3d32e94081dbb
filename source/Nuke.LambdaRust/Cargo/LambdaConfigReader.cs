using System.Text.Json;

namespace Nuke.LambdaRust.Cargo;

/// <summary>
/// Reads cargo-lambda's build configuration, so that a project that already uses cargo-lambda builds unchanged.
/// </summary>
public static class LambdaConfigReader
{
    /// <summary>The file cargo-lambda reads from the workspace root; its <c>[build]</c> table has the lowest precedence.</summary>
    public const string ConfigFileName = "CargoLambda.toml";

    /// <summary>
    /// The build configuration of <paramref name="function"/>, applying from lowest to highest precedence:
    /// <c>CargoLambda.toml</c> <c>[build]</c> in the workspace root, <c>[workspace.metadata.lambda.build]</c>,
    /// <c>[workspace.metadata.lambda.bin.&lt;name&gt;.build]</c>, <c>[package.metadata.lambda.build]</c>,
    /// <c>[package.metadata.lambda.bin.&lt;name&gt;.build]</c>. The resulting <c>env_file</c> is read into
    /// <see cref="LambdaBuildConfig.Env"/> beneath the explicit variables.
    /// </summary>
    /// <exception cref="LambdaRustException">
    /// A key has the wrong type or an unknown value (the message names the file and the full key path), CargoLambda.toml
    /// is not valid TOML, or the env file is missing or malformed.
    /// </exception>
    public static LambdaBuildConfig ForFunction(CargoWorkspace workspace, LambdaFunction function)
    {
        var package = workspace.Packages.FirstOrDefault(p => p.Name == function.Package && p.ManifestPath == function.ManifestPath)
                      ?? throw new LambdaRustException(
                          $"The function '{function.Name}' names the package '{function.Package}' ({function.ManifestPath}), which is not a member of the workspace '{workspace.RootManifestPath}'.",
                          "Take the function from this workspace's Functions or SelectFunctions.");
        var config = LambdaBuildConfig.Empty;

        var configFile = Path.Combine(workspace.WorkspaceRoot, ConfigFileName);
        if (File.Exists(configFile))
        {
            var document = TomlJson.ToJsonElement(CargoManifest.Read(configFile));
            config = Apply(config, document, ["build"], configFile, "", function.Name);
        }

        if (workspace.WorkspaceMetadata is { } workspaceMetadata)
        {
            config = Apply(config, workspaceMetadata, ["lambda", "build"], workspace.RootManifestPath, "workspace.metadata", function.Name);
            config = Apply(config, workspaceMetadata, ["lambda", "bin", function.Name, "build"], workspace.RootManifestPath, "workspace.metadata", function.Name);
        }

        if (package.Metadata is { } packageMetadata)
        {
            config = Apply(config, packageMetadata, ["lambda", "build"], package.ManifestPath, "package.metadata", function.Name);
            config = Apply(config, packageMetadata, ["lambda", "bin", function.Name, "build"], package.ManifestPath, "package.metadata", function.Name);
        }

        if (config.EnvFile is null)
            return config;

        var fromFile = EnvFileReader.Read(config.EnvFile, config.EnvFileDeclaredAt);
        var env = new Dictionary<string, string>(fromFile, StringComparer.Ordinal);
        foreach (var (key, value) in config.Env ?? new Dictionary<string, string>())
            env[key] = value;
        return config with { Env = env, Sources = [.. config.Sources, $"{config.EnvFile} (env_file)"] };
    }

    /// <summary>
    /// Reads an env file as cargo-lambda's <c>env_file</c> does: <c>KEY=VALUE</c> lines, <c>#</c> comments and blank lines
    /// skipped, an optional <c>export</c> prefix and surrounding quotes removed.
    /// </summary>
    /// <exception cref="LambdaRustException">The file is missing, or a line is not <c>KEY=VALUE</c> (the message gives file:line).</exception>
    public static IReadOnlyDictionary<string, string> ReadEnvFile(string path) => EnvFileReader.Read(Path.GetFullPath(path));

    // Finds the table at `path` under `root` and lays it over `config`; `keyPrefix` is what precedes the path in `file`
    // (e.g. package.metadata, empty for CargoLambda.toml), so messages show the full key.
    private static LambdaBuildConfig Apply(
        LambdaBuildConfig config, JsonElement root, string[] path, string file, string keyPrefix, string functionName)
    {
        var current = root;
        var walked = keyPrefix;
        foreach (var segment in path)
        {
            if (current.ValueKind != JsonValueKind.Object)
                throw NotATable(file, walked, current);
            if (!current.TryGetProperty(segment, out var next) || next.ValueKind == JsonValueKind.Null)
                return config;
            walked = walked.Length == 0 ? QuoteKey(segment) : $"{walked}.{QuoteKey(segment)}";
            current = next;
        }

        if (current.ValueKind != JsonValueKind.Object)
            throw NotATable(file, walked, current);
        return config.MergedWith(LambdaBuildTable.Read(current, file, walked, functionName));
    }

    private static LambdaRustException NotATable(string file, string keyPath, JsonElement found) =>
        new($"{file}: '{keyPath}' must be a table, but it is {found.ValueKind.ToString().ToLowerInvariant()} ({Shorten(found.GetRawText())}).",
            $"Make [{keyPath}] a table in {file}, as cargo-lambda documents it.");

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..37] + "...";

    // Bin names are usually bare TOML keys; anything else is shown quoted, as it would be written.
    private static string QuoteKey(string key) =>
        key.Length > 0 && key.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_') ? key : $"\"{key}\"";
}
