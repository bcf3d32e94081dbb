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

    /// <summary><c>disable_optimizations</c>: build the release profile exactly as the project defines it.</summary>
    public bool? DisableOptimizations { get; init; }

    /// <summary><c>all_features</c>: cargo's <c>--all-features</c>.</summary>
    public bool? AllFeatures { get; init; }

    /// <summary><c>no_default_features</c>: cargo's <c>--no-default-features</c>.</summary>
    public bool? NoDefaultFeatures { get; init; }

    /// <summary><c>compiler.subcommand</c> (type cargo): the cargo subcommand instead of <c>build</c>, e.g. <c>["brazil", "build"]</c>.</summary>
    public IReadOnlyList<string>? CompilerSubcommand { get; init; }

    /// <summary><c>compiler.extra_args</c> (type cargo): arguments appended to the cargo command.</summary>
    public IReadOnlyList<string>? CompilerExtraArgs { get; init; }

    /// <summary><c>locked</c>: cargo's <c>--locked</c>.</summary>
    public bool? Locked { get; init; }

    /// <summary><c>frozen</c>: cargo's <c>--frozen</c>.</summary>
    public bool? Frozen { get; init; }

    /// <summary><c>offline</c>: cargo's <c>--offline</c>.</summary>
    public bool? Offline { get; init; }

    /// <summary><c>jobs</c>: cargo's <c>--jobs</c>.</summary>
    public int? Jobs { get; init; }

    /// <summary><c>keep_going</c>: cargo's <c>--keep-going</c>.</summary>
    public bool? KeepGoing { get; init; }

    /// <summary><c>timings</c>: cargo's <c>--timings</c>.</summary>
    public bool? Timings { get; init; }

    /// <summary><c>ignore_rust_version</c>: cargo's <c>--ignore-rust-version</c>.</summary>
    public bool? IgnoreRustVersion { get; init; }

    /// <summary><c>quiet</c>: cargo's <c>--quiet</c>.</summary>
    public bool? Quiet { get; init; }

    /// <summary><c>verbose</c>: cargo's <c>--verbose</c>, this many times.</summary>
    public int? Verbose { get; init; }

    /// <summary><c>color</c>: cargo's <c>--color</c> (<c>auto</c>, <c>always</c>, <c>never</c>).</summary>
    public string? Color { get; init; }

    /// <summary><c>config</c>: cargo <c>--config</c> values, before our release optimizations.</summary>
    public IReadOnlyList<string>? CargoConfig { get; init; }

    /// <summary><c>unstable_flags</c>: cargo <c>-Z</c> flags.</summary>
    public IReadOnlyList<string>? UnstableFlags { get; init; }

    /// <summary><c>target_dir</c>: cargo's target directory, as written (relative to the config's base folder).</summary>
    public string? TargetDir { get; init; }

    /// <summary><c>skip_target_check</c>: cargo-lambda skips <c>rustup target add</c>; we never run it unasked, so this changes nothing.</summary>
    public bool? SkipTargetCheck { get; init; }

    /// <summary>What the config says that a build should know: unknown keys (with the closest known one), keys that have no effect here.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>The files and tables that set something, lowest precedence first (for diagnostics).</summary>
    public IReadOnlyList<string> Sources { get; init; } = [];

    /// <summary>Where <see cref="EnvFile"/> was declared (file and key), for errors about it.</summary>
    internal string? EnvFileDeclaredAt { get; init; }

    /// <summary>
    /// This config with <paramref name="higher"/> on top, as cargo-lambda layers its config: each member that
    /// <paramref name="higher"/> sets wins; lists from it replace ours whole, or with <paramref name="concatenateLists"/>
    /// (cargo-lambda's <c>--admerge</c>) follow ours. Environment tables merge per variable. Sources and warnings are concatenated.
    /// </summary>
    public LambdaBuildConfig MergedWith(LambdaBuildConfig higher, bool concatenateLists = false) => new()
    {
        OutputFormat = higher.OutputFormat ?? OutputFormat,
        LambdaDir = higher.LambdaDir ?? LambdaDir,
        Flatten = higher.Flatten ?? Flatten,
        Arm64 = higher.Arm64 ?? Arm64,
        X86_64 = higher.X86_64 ?? X86_64,
        Extension = higher.Extension ?? Extension,
        Internal = higher.Internal ?? Internal,
        Include = List(Include, higher.Include, concatenateLists),
        Release = higher.Release ?? Release,
        Profile = higher.Profile ?? Profile,
        Features = List(Features, higher.Features, concatenateLists),
        Target = higher.Target ?? Target,
        Compiler = higher.Compiler ?? Compiler,
        Env = Env is null || higher.Env is null ? higher.Env ?? Env : new Dictionary<string, string>(Env.Concat(higher.Env).GroupBy(e => e.Key).Select(g => g.Last())),
        EnvFile = higher.EnvFile ?? EnvFile,
        EnvFileDeclaredAt = higher.EnvFile is not null ? higher.EnvFileDeclaredAt : EnvFileDeclaredAt,
        DisableOptimizations = higher.DisableOptimizations ?? DisableOptimizations,
        AllFeatures = higher.AllFeatures ?? AllFeatures,
        NoDefaultFeatures = higher.NoDefaultFeatures ?? NoDefaultFeatures,
        CompilerSubcommand = List(CompilerSubcommand, higher.CompilerSubcommand, concatenateLists),
        CompilerExtraArgs = List(CompilerExtraArgs, higher.CompilerExtraArgs, concatenateLists),
        Locked = higher.Locked ?? Locked,
        Frozen = higher.Frozen ?? Frozen,
        Offline = higher.Offline ?? Offline,
        Jobs = higher.Jobs ?? Jobs,
        KeepGoing = higher.KeepGoing ?? KeepGoing,
        Timings = higher.Timings ?? Timings,
        IgnoreRustVersion = higher.IgnoreRustVersion ?? IgnoreRustVersion,
        Quiet = higher.Quiet ?? Quiet,
        Verbose = higher.Verbose ?? Verbose,
        Color = higher.Color ?? Color,
        CargoConfig = List(CargoConfig, higher.CargoConfig, concatenateLists),
        UnstableFlags = List(UnstableFlags, higher.UnstableFlags, concatenateLists),
        TargetDir = higher.TargetDir ?? TargetDir,
        SkipTargetCheck = higher.SkipTargetCheck ?? SkipTargetCheck,
        Warnings = [.. Warnings, .. higher.Warnings],
        Sources = [.. Sources, .. higher.Sources],
    };

    private static IReadOnlyList<string>? List(IReadOnlyList<string>? lower, IReadOnlyList<string>? higher, bool concatenate) =>
        concatenate && lower is not null && higher is not null ? [.. lower, .. higher] : higher ?? lower;
}
