using System.Text.Json;
using Nuke.LambdaRust.Model;

namespace Nuke.LambdaRust.Cargo;

/// <summary>
/// Reads one cargo-lambda <c>build</c> table into a <see cref="LambdaBuildConfig"/>, checking the type of every key we use.
/// Keys we do not use are ignored: cargo-lambda has more of them.
/// </summary>
internal static class LambdaBuildTable
{
    /// <summary>cargo-lambda's build keys that we apply (its own and the cargo options it passes on).</summary>
    private static readonly string[] AppliedKeys =
    [
        "output_format", "lambda_dir", "flatten", "arm64", "x86_64", "extension", "internal", "include", "release", "profile",
        "features", "target", "compiler", "env", "env_var", "env_file", "disable_optimizations", "all_features",
        "no_default_features", "locked", "frozen", "offline", "jobs", "keep_going", "timings", "ignore_rust_version",
        "quiet", "verbose", "color", "config", "unstable_flags", "target_dir", "skip_target_check",
    ];

    /// <summary>cargo-lambda's build keys that select what cargo builds or how it reports; our own selection and output replace them.</summary>
    private static readonly string[] SelectionKeys =
    [
        "manifest_path", "packages", "workspace", "exclude", "all", "lib", "bin", "bins", "example", "examples", "test",
        "tests", "bench", "benches", "all_targets", "artifact_dir", "build_plan", "future_incompat_report", "unit_graph",
        "message_format",
    ];

    /// <param name="table">The table (a JSON object, as cargo metadata gives it).</param>
    /// <param name="file">The file that declares it, for errors and relative paths.</param>
    /// <param name="keyPath">Its full key path in that file, e.g. <c>package.metadata.lambda.build</c>.</param>
    /// <param name="functionName">The function being configured (cargo-lambda's <c>flatten</c> names one).</param>
    /// <param name="baseDirectory">What relative <c>env_file</c> and <c>target_dir</c> paths start from (cargo-lambda: where it runs).</param>
    public static LambdaBuildConfig Read(JsonElement table, string file, string keyPath, string functionName, string baseDirectory)
    {
        var reader = new KeyReader(table, file, keyPath);
        var flatten = reader.BoolOrString("flatten", "a boolean, or the name of the function to flatten");
        var envFile = reader.String("env_file");
        var targetDir = reader.String("target_dir");
        var (compiler, subcommand, extraArgs) = reader.Compiler("compiler");
        var targets = reader.StringOrStringList("target");
        var warnings = new List<string>();
        if (targets is { Count: > 1 })
            warnings.Add($"{file}: '{keyPath}.target' names {targets.Count} targets; like cargo-lambda, only the first ({targets[0]}) is built. Use arm64 = true and x86_64 = true to build both architectures.");
        foreach (var key in reader.Keys)
        {
            if (SelectionKeys.Contains(key))
                warnings.Add($"{file}: '{keyPath}.{key}' is not applied: functions are selected with --function/--package and cargo's output is read as JSON by this build.");
            else if (!AppliedKeys.Contains(key))
                warnings.Add($"{file}: '{keyPath}.{key}' is not a cargo-lambda build key and is ignored.{ClosestName.Hint(key, AppliedKeys.Concat(SelectionKeys))}");
        }

        return new LambdaBuildConfig
        {
            OutputFormat = reader.Choice("output_format", ParseOutputFormat, "\"zip\" or \"binary\""),
            LambdaDir = reader.String("lambda_dir"),
            Flatten = flatten switch
            {
                bool flag => flag,
                string name => name == functionName,
                _ => null,
            },
            Arm64 = reader.Bool("arm64"),
            X86_64 = reader.Bool("x86_64"),
            Extension = reader.Bool("extension"),
            Internal = reader.Bool("internal"),
            Include = reader.StringList("include"),
            Release = reader.Bool("release"),
            Profile = reader.String("profile"),
            Features = reader.StringList("features"),
            Target = targets is { Count: > 0 } ? targets[0] : null,
            Compiler = compiler,
            CompilerSubcommand = subcommand,
            CompilerExtraArgs = extraArgs,
            Env = MergeEnv(reader.Environment("env"), reader.Environment("env_var")),
            EnvFile = envFile is null ? null : Path.GetFullPath(envFile, baseDirectory),
            EnvFileDeclaredAt = envFile is null ? null : $"{file} [{keyPath}] env_file",
            DisableOptimizations = reader.Bool("disable_optimizations"),
            AllFeatures = reader.Bool("all_features"),
            NoDefaultFeatures = reader.Bool("no_default_features"),
            Locked = reader.Bool("locked"),
            Frozen = reader.Bool("frozen"),
            Offline = reader.Bool("offline"),
            Jobs = reader.PositiveInteger("jobs"),
            KeepGoing = reader.Bool("keep_going"),
            Timings = reader.Bool("timings"),
            IgnoreRustVersion = reader.Bool("ignore_rust_version"),
            Quiet = reader.Bool("quiet"),
            Verbose = reader.PositiveInteger("verbose"),
            Color = reader.Choice("color", c => c is "auto" or "always" or "never" ? c : null, "\"auto\", \"always\" or \"never\""),
            CargoConfig = reader.StringList("config"),
            UnstableFlags = reader.StringList("unstable_flags"),
            TargetDir = targetDir is null ? null : Path.GetFullPath(targetDir, baseDirectory),
            SkipTargetCheck = reader.Bool("skip_target_check"),
            Warnings = warnings,
            Sources = [$"{file} [{keyPath}]"],
        };
    }

    private static OutputFormat? ParseOutputFormat(string value) => value.Trim().ToLowerInvariant() switch
    {
        "zip" => OutputFormat.Zip,
        "binary" => OutputFormat.Binary,
        _ => null,
    };

    // cargo-lambda takes both spellings (env is an alias of env_var); when a table has both, env_var wins per key.
    private static IReadOnlyDictionary<string, string>? MergeEnv(
        IReadOnlyDictionary<string, string>? env, IReadOnlyDictionary<string, string>? envVar)
    {
        if (env is null || envVar is null)
            return envVar ?? env;
        var merged = new Dictionary<string, string>(env, StringComparer.Ordinal);
        foreach (var (key, value) in envVar)
            merged[key] = value;
        return merged;
    }

    /// <summary>Typed access to the keys of one table; every mismatch names the file, the full key and what was expected.</summary>
    private sealed class KeyReader(JsonElement table, string file, string keyPath)
    {
        public bool? Bool(string key) => Get(key) switch
        {
            null => null,
            { ValueKind: JsonValueKind.True } => true,
            { ValueKind: JsonValueKind.False } => false,
            var other => throw Mismatch(key, other.Value, "a boolean (true or false)"),
        };

        public string? String(string key) => Get(key) switch
        {
            null => null,
            { ValueKind: JsonValueKind.String } value => value.GetString(),
            var other => throw Mismatch(key, other.Value, "a string"),
        };

        public object? BoolOrString(string key, string expected) => Get(key) switch
        {
            null => null,
            { ValueKind: JsonValueKind.True } => true,
            { ValueKind: JsonValueKind.False } => false,
            { ValueKind: JsonValueKind.String } value => value.GetString(),
            var other => throw Mismatch(key, other.Value, expected),
        };

        public IReadOnlyList<string>? StringList(string key)
        {
            if (Get(key) is not { } value)
                return null;
            const string expected = "an array of strings, e.g. [\"a\", \"b\"]";
            if (value.ValueKind != JsonValueKind.Array)
                throw Mismatch(key, value, expected);
            var items = new List<string>();
            var index = 0;
            foreach (var item in value.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.String)
                    throw Mismatch($"{key}[{index}]", item, "a string");
                items.Add(item.GetString()!);
                index++;
            }

            return items;
        }

        public IEnumerable<string> Keys => table.EnumerateObject().Select(p => p.Name);

        public int? PositiveInteger(string key) => Get(key) switch
        {
            null => null,
            { ValueKind: JsonValueKind.Number } value when value.TryGetInt32(out var number) && number > 0 => number,
            var other => throw Mismatch(key, other.Value, "a whole number above 0"),
        };

        public IReadOnlyList<string>? StringOrStringList(string key) => Get(key) switch
        {
            null => null,
            { ValueKind: JsonValueKind.String } value => [value.GetString()!],
            _ => StringList(key),
        };

        public string? Choice(string key, Func<string, string?> parse, string expected)
        {
            var text = String(key);
            return text is null ? null : parse(text) ?? throw Mismatch(key, Get(key)!.Value, expected);
        }

        public T? Choice<T>(string key, Func<string, T?> parse, string expected) where T : struct
        {
            var text = Get(key) switch
            {
                null => null,
                { ValueKind: JsonValueKind.String } value => value.GetString(),
                var other => throw Mismatch(key, other.Value, expected),
            };
            if (text is null)
                return null;
            return parse(text) ?? throw Mismatch(key, Get(key)!.Value, expected);
        }

        /// <summary>
        /// <c>compiler = { type = "cargo", subcommand = [...], extra_args = [...] }</c> (cargo-lambda's form) or
        /// <c>compiler = "cargo"</c>; <c>subcommand</c> and <c>extra_args</c> belong to type cargo only.
        /// </summary>
        public (LambdaCompiler? Compiler, IReadOnlyList<string>? Subcommand, IReadOnlyList<string>? ExtraArgs) Compiler(string key)
        {
            const string names = "\"cargo_zigbuild\", \"cargo\" or \"cross\"";
            var value = Get(key);
            if (value is null)
                return (null, null, null);

            string typeKey;
            JsonElement type;
            IReadOnlyList<string>? subcommand = null, extraArgs = null;
            switch (value.Value.ValueKind)
            {
                case JsonValueKind.String:
                    (typeKey, type) = (key, value.Value);
                    break;
                case JsonValueKind.Object when value.Value.TryGetProperty("type", out var inner):
                    (typeKey, type) = ($"{key}.type", inner);
                    if (type.ValueKind != JsonValueKind.String)
                        throw Mismatch(typeKey, type, $"one of {names}");
                    var compilerTable = new KeyReader(value.Value, file, $"{keyPath}.{key}");
                    subcommand = compilerTable.StringList("subcommand");
                    extraArgs = compilerTable.StringList("extra_args");
                    break;
                case JsonValueKind.Object:
                    throw new LambdaRustException(
                        $"{file}: '{keyPath}.{key}' has no 'type' key.",
                        $"Write {key} = {{ type = \"cargo_zigbuild\" }} (or \"cargo\", \"cross\") in [{keyPath}] of {file}.");
                default:
                    throw Mismatch(key, value.Value, $"a table {{ type = ... }} or a string, one of {names}");
            }

            LambdaCompiler compiler;
            try
            {
                compiler = LambdaCompilers.Parse(type.GetString()!, $"{file} [{keyPath}] {typeKey}");
            }
            catch (LambdaRustException)
            {
                throw Mismatch(typeKey, type, $"one of {names}");
            }

            if (compiler != LambdaCompiler.Cargo && (subcommand is not null || extraArgs is not null))
            {
                throw new LambdaRustException(
                    $"{file}: '{keyPath}.{key}' sets subcommand or extra_args for type \"{type.GetString()}\"; cargo-lambda takes them for type \"cargo\" only.",
                    $"Remove them from [{keyPath}] of {file}, or set type = \"cargo\".");
            }

            return (compiler, subcommand, extraArgs);
        }

        /// <summary>A table of strings (<c>{ KEY = "value" }</c>) or an array of <c>"KEY=VALUE"</c> strings.</summary>
        public IReadOnlyDictionary<string, string>? Environment(string key)
        {
            if (Get(key) is not { } value)
                return null;
            const string expected = "a table of strings ({ KEY = \"value\" }) or an array of \"KEY=VALUE\" strings";
            var variables = new Dictionary<string, string>(StringComparer.Ordinal);
            switch (value.ValueKind)
            {
                case JsonValueKind.Object:
                    foreach (var variable in value.EnumerateObject())
                    {
                        if (variable.Value.ValueKind != JsonValueKind.String)
                            throw Mismatch($"{key}.{variable.Name}", variable.Value, "a string");
                        variables[variable.Name] = variable.Value.GetString()!;
                    }

                    break;
                case JsonValueKind.Array:
                    var index = 0;
                    foreach (var item in value.EnumerateArray())
                    {
                        var text = item.ValueKind == JsonValueKind.String ? item.GetString()! : null;
                        var equals = text?.IndexOf('=') ?? -1;
                        if (text is null || equals <= 0)
                            throw Mismatch($"{key}[{index}]", item, "a \"KEY=VALUE\" string");
                        variables[text[..equals]] = text[(equals + 1)..];
                        index++;
                    }

                    break;
                default:
                    throw Mismatch(key, value, expected);
            }

            return variables;
        }

        private JsonElement? Get(string key) =>
            table.TryGetProperty(key, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

        private LambdaRustException Mismatch(string key, JsonElement found, string expected) =>
            new($"{file}: '{keyPath}.{key}' must be {expected}, but it is {Describe(found)}.",
                $"Change '{key}' in [{keyPath}] of {file} to {expected}.");

        private static string Describe(JsonElement value) => value.ValueKind switch
        {
            JsonValueKind.String => $"the string \"{value.GetString()}\"",
            JsonValueKind.Number => $"the number {value.GetRawText()}",
            JsonValueKind.True or JsonValueKind.False => $"the boolean {value.GetRawText()}",
            JsonValueKind.Array => "an array",
            JsonValueKind.Object => "a table",
            _ => value.ValueKind.ToString().ToLowerInvariant(),
        };
    }
}
