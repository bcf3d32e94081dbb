using Nuke.LambdaRust.Model;

namespace Nuke.LambdaRust.Cargo;

/// <summary>
/// cargo-lambda's build settings for one function, as a project declares them (CargoLambda.toml, workspace and package
/// metadata). Every member is null when no level sets it. Read with <see cref="LambdaConfigReader.ForFunction"/>.
/// </summary>
public sealed record LambdaBuildConfig
{
    /// <summary>No setting at all.</summary>
    public static LambdaBuildConfig Empty { get; } = new();

    /// <summary><c>output_format</c>: <c>"zip"</c> or <c>"binary"</c>.</summary>
    public OutputFormat? OutputFormat { get; init; }

    /// <summary><c>lambda_dir</c>: where the outputs go, as written (not resolved).</summary>
    public string? LambdaDir { get; init; }

    /// <summary>
    /// <c>flatten</c>: put this function's bootstrap at the root of the lambda directory. cargo-lambda writes the name
    /// of the function to flatten; that reads as true for that function and false for the others.
    /// </summary>
    public bool? Flatten { get; init; }

    /// <summary><c>arm64</c>: build for aarch64-unknown-linux-gnu.</summary>
    public bool? Arm64 { get; init; }

    /// <summary><c>x86_64</c>: build for x86_64-unknown-linux-gnu.</summary>
    public bool? X86_64 { get; init; }

    /// <summary><c>extension</c>: the binary is a Lambda extension.</summary>
    public bool? Extension { get; init; }

    /// <summary><c>internal</c>: the extension is internal (packaged at the zip root).</summary>
    public bool? Internal { get; init; }

    /// <summary><c>include</c>: extra files or folders for the zip (<c>SRC</c> or <c>DEST:SRC</c>), as written.</summary>
    public IReadOnlyList<string>? Include { get; init; }

    /// <summary><c>release</c>: build with the release profile.</summary>
    public bool? Release { get; init; }

    /// <summary><c>profile</c>: the cargo profile to build with.</summary>
    public string? Profile { get; init; }

    /// <summary><c>features</c>: cargo features to enable.</summary>
    public IReadOnlyList<string>? Features { get; init; }

    /// <summary><c>target</c>: the Rust target triple, possibly with a glibc suffix, as written.</summary>
    public string? Target { get; init; }

    /// <summary><c>compiler</c>: <c>{ type = "cargo_zigbuild" | "cargo" | "cross" }</c> or the plain name.</summary>
    public LambdaCompiler? Compiler { get; init; }

    /// <summary>
    /// <c>env</c> / <c>env_var</c>: environment variables for the build. In a config returned by
    /// <see cref="LambdaConfigReader.ForFunction"/> this already holds the <see cref="EnvFile"/>'s variables, beneath the explicit ones.
    /// </summary>
    public IReadOnlyDictionary<string, string>? Env { get; init; }

    /// <summary><c>env_file</c>: absolute path of the file of <c>KEY=VALUE</c> lines (resolved from the file that declared it).</summary>
    public string? EnvFile { get; init; }

    /// <summary>The files and tables that set something, lowest precedence first (for diagnostics).</summary>
    public IReadOnlyList<string> Sources { get; init; } = [];

    /// <summary>Where <see cref="EnvFile"/> was declared (file and key), for errors about it.</summary>
    internal string? EnvFileDeclaredAt { get; init; }

    /// <summary>
    /// This config with <paramref name="higher"/> on top: each member that <paramref name="higher"/> sets wins;
    /// lists and dictionaries from it replace ours whole. Sources are concatenated.
    /// </summary>
    public LambdaBuildConfig MergedWith(LambdaBuildConfig higher) => new()
    {
        OutputFormat = higher.OutputFormat ?? OutputFormat,
        LambdaDir = higher.LambdaDir ?? LambdaDir,
        Flatten = higher.Flatten ?? Flatten,
        Arm64 = higher.Arm64 ?? Arm64,
        X86_64 = higher.X86_64 ?? X86_64,
        Extension = higher.Extension ?? Extension,
        Internal = higher.Internal ?? Internal,
        Include = higher.Include ?? Include,
        Release = higher.Release ?? Release,
        Profile = higher.Profile ?? Profile,
        Features = higher.Features ?? Features,
        Target = higher.Target ?? Target,
        Compiler = higher.Compiler ?? Compiler,
        Env = higher.Env ?? Env,
        EnvFile = higher.EnvFile ?? EnvFile,
        EnvFileDeclaredAt = higher.EnvFile is not null ? higher.EnvFileDeclaredAt : EnvFileDeclaredAt,
        Sources = [.. Sources, .. higher.Sources],
    };
}
