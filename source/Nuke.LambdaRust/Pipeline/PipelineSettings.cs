using Nuke.LambdaRust.Model;
using Nuke.LambdaRust.Packaging;
using Nuke.LambdaRust.Toolchain;
using Nuke.LambdaRust.Tools;

namespace Nuke.LambdaRust.Pipeline;

/// <summary>
/// One build's settings, typed: what every engine adapter maps its parameters onto before it runs the
/// <see cref="LambdaPipeline"/>'s steps. Unset values fall back to the project's cargo-lambda config, then to defaults.
/// Relative paths are relative to <see cref="RootDirectory"/>.
/// </summary>
public sealed partial record PipelineSettings
{
    /// <summary>The build's root (NUKE's <c>RootDirectory</c>); relative paths start here.</summary>
    public required string RootDirectory { get; init; }

    /// <summary>The workspace's (or a member's) <c>Cargo.toml</c>, or its folder; <c>&lt;root&gt;/Cargo.toml</c> when null.</summary>
    public string? ManifestPath { get; init; }

    /// <summary>Architectures to build; the project's config, else the host's, when empty.</summary>
    public IReadOnlyList<LambdaArchitecture> Architectures { get; init; } = [];

    /// <summary>Functions (binary targets) to build; all when empty.</summary>
    public IReadOnlyList<string> Functions { get; init; } = [];

    /// <summary>Workspace packages whose functions to build; all when empty.</summary>
    public IReadOnlyList<string> Packages { get; init; } = [];

    /// <summary>How to compile; the project's config, else zig, when null.</summary>
    public LambdaCompiler? Compiler { get; init; }

    /// <summary>Build with the release profile; the project's config decides when null.</summary>
    public bool? Release { get; init; }

    /// <summary>A named cargo profile (overrides <see cref="Release"/>).</summary>
    public string? Profile { get; init; }

    /// <summary>The Lambda runtime; its glibc caps what binaries may need. The config target's glibc, else al2023, when null.</summary>
    public LambdaRuntime? Runtime { get; init; }

    /// <summary>A glibc version that overrides the runtime's.</summary>
    public Version? Glibc { get; init; }

    /// <summary>Cargo features to enable; the config's when empty.</summary>
    public IReadOnlyList<string> Features { get; init; } = [];

    /// <summary>Pass cargo's <c>--all-features</c>.</summary>
    public bool AllFeatures { get; init; }

    /// <summary>Pass cargo's <c>--no-default-features</c>.</summary>
    public bool NoDefaultFeatures { get; init; }

    /// <summary>Pass cargo's <c>--locked</c>.</summary>
    public bool Locked { get; init; }

    /// <summary>Pass cargo's <c>--frozen</c>.</summary>
    public bool Frozen { get; init; }

    /// <summary>Pass cargo's <c>--offline</c>.</summary>
    public bool Offline { get; init; }

    /// <summary>cargo's <c>--jobs</c>.</summary>
    public int? Jobs { get; init; }

    /// <summary>cargo's target directory; the config's <c>target_dir</c>, else cargo's, when null.</summary>
    public string? TargetDirectory { get; init; }

    /// <summary>Arguments passed to cargo unchanged, after ours (what follows a bare <c>--</c> on a command line).</summary>
    public IReadOnlyList<string> CargoArguments { get; init; } = [];

    /// <summary>cargo-lambda's <c>--context</c>: which <c>[&lt;context&gt;.build]</c> table of CargoLambda.toml applies.</summary>
    public string? Context { get; init; }

    /// <summary>cargo-lambda's <c>--admerge</c>: lists from higher config layers and the command line follow the lower ones' instead of replacing them.</summary>
    public bool IncludeMerge { get; init; }

    /// <summary>Where packages go; the config's <c>lambda_dir</c>, else <c>&lt;target dir&gt;/lambda</c>, when null.</summary>
    public string? LambdaDirectory { get; init; }

    /// <summary>Zip or bare binary; the config's, else zip, when null.</summary>
    public OutputFormat? OutputFormat { get; init; }

    /// <summary>Files or folders added to every zip, as <c>SRC</c> or <c>DEST:SRC</c>, relative to the workspace root.</summary>
    public IReadOnlyList<string> Includes { get; init; } = [];

    /// <summary>Build the release profile exactly as the project defines it (no Lambda optimizations).</summary>
    public bool DisableOptimizations { get; init; }

    /// <summary>The zig to use; else the one Setup found or installed, else zig's usual lookup.</summary>
    public string? ZigPath { get; init; }

    /// <summary>Where Setup installs tools of its own (zig); <c>&lt;root&gt;/.nuke/temp/tools</c> when null.</summary>
    public string? ToolsDirectory { get; init; }

    /// <summary>The steps this run will take, so a later step's needs (a usable lambda directory) are checked before compiling.</summary>
    public PipelineSteps PlannedSteps { get; init; } = PipelineSteps.Setup | PipelineSteps.Compile | PipelineSteps.Package;

    /// <summary>Changes the build settings the pipeline derived, before it builds (an engine's <c>Configure&lt;T&gt;</c> hook).</summary>
    public Func<LambdaBuildSettings, LambdaBuildSettings>? ConfigureBuild { get; init; }

    /// <summary>Changes the package settings the pipeline derived, before it packages.</summary>
    public Func<PackageSettings, PackageSettings>? ConfigurePackage { get; init; }

    /// <summary>Changes what Setup provisions (e.g. also qemu for tests).</summary>
    public Func<ProvisioningRequest, ProvisioningRequest>? ConfigureProvisioning { get; init; }

    /// <summary>A path setting made absolute against <see cref="RootDirectory"/>; null stays null.</summary>
    public string? Resolve(string? path) =>
        string.IsNullOrWhiteSpace(path) ? null : Path.GetFullPath(path, RootDirectory);
}
