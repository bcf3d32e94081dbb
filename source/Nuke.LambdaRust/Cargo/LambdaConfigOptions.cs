namespace Nuke.LambdaRust.Cargo;

/// <summary>
/// How cargo-lambda's configuration is found and layered beyond the manifests: where <c>CargoLambda.toml</c> is looked
/// for, a context, a replacement file, whether lists concatenate, and the <c>CARGO_LAMBDA_*</c> environment.
/// Unset members fall back to cargo-lambda's own variables (<c>CARGO_LAMBDA_CONTEXT</c>, <c>CARGO_LAMBDA_GLOBAL</c>,
/// <c>CARGO_LAMBDA_ADMERGE</c>).
/// </summary>
public sealed record LambdaConfigOptions
{
    /// <summary>
    /// Where cargo-lambda would run: <c>CargoLambda.toml</c> is found from here upward, and relative <c>env_file</c> and
    /// <c>target_dir</c> paths start here. When null, or outside the workspace (a build run from a repository root above
    /// it), the workspace root takes its place, where a cargo-lambda user runs <c>cargo lambda build</c>.
    /// </summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>cargo-lambda's <c>--context</c>: the file's <c>[&lt;context&gt;.build]</c> over <c>[default.build]</c>, under <c>[global.build]</c>.</summary>
    public string? Context { get; init; }

    /// <summary>cargo-lambda's <c>--global</c>: a file that replaces <c>CargoLambda.toml</c> (a relative path is looked for upward too).</summary>
    public string? GlobalFile { get; init; }

    /// <summary>cargo-lambda's <c>--admerge</c>: lists (include, features, ...) from higher layers follow the lower ones' instead of replacing them.</summary>
    public bool? Admerge { get; init; }

    /// <summary>The environment <c>CARGO_LAMBDA_*</c> variables are read from; this process's when null.</summary>
    public IReadOnlyDictionary<string, string>? Environment { get; init; }

    /// <summary>The environment, as given or this process's.</summary>
    internal IReadOnlyDictionary<string, string> EnvironmentVariables => Environment ?? ProcessEnvironment();

    private static Dictionary<string, string> ProcessEnvironment()
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (System.Collections.DictionaryEntry entry in System.Environment.GetEnvironmentVariables())
            variables[(string)entry.Key] = (string?)entry.Value ?? "";
        return variables;
    }
}
