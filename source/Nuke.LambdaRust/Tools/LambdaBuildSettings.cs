using Microsoft.Extensions.Logging;
using Nuke.LambdaRust.Cargo;
using Nuke.LambdaRust.Model;

namespace Nuke.LambdaRust.Tools;

/// <summary>
/// What every compiler strategy shares. Immutable: change it with the fluent extensions
/// (<see cref="LambdaBuildSettingsExtensions"/>), each of which returns a copy.
/// Values left unset fall back to the project's cargo-lambda configuration, then to defaults.
/// </summary>
public abstract record LambdaBuildSettings
{
    /// <summary>The compiler strategy these settings drive.</summary>
    public abstract LambdaCompiler Compiler { get; }

    /// <summary>Path to <c>Cargo.toml</c> (or its folder); the current directory's when null.</summary>
    public string? ManifestPath { get; init; }

    /// <summary>Architectures to build; when empty, the project's config (<c>arm64</c>/<c>x86_64</c>/<c>target</c>) or the host's.</summary>
    public IReadOnlyList<LambdaArchitecture> Architectures { get; init; } = [];

    /// <summary>Binary targets (functions) to build; all when empty.</summary>
    public IReadOnlyList<string> Functions { get; init; } = [];

    /// <summary>Workspace packages whose functions to build; all when empty.</summary>
    public IReadOnlyList<string> Packages { get; init; } = [];

    /// <summary>Build with the release profile; the project's config decides when null.</summary>
    public bool? Release { get; init; }

    /// <summary>A named cargo profile (overrides <see cref="Release"/>).</summary>
    public string? Profile { get; init; }

    /// <summary>Cargo features to enable; the project's config decides when empty.</summary>
    public IReadOnlyList<string> Features { get; init; } = [];

    /// <summary>Pass <c>--all-features</c>.</summary>
    public bool AllFeatures { get; init; }

    /// <summary>Pass <c>--no-default-features</c>.</summary>
    public bool NoDefaultFeatures { get; init; }

    /// <summary>Pass <c>--locked</c> (the config's <c>locked</c> also turns it on).</summary>
    public bool Locked { get; init; }

    /// <summary>Pass <c>--frozen</c>.</summary>
    public bool Frozen { get; init; }

    /// <summary>Pass <c>--offline</c>.</summary>
    public bool Offline { get; init; }

    /// <summary>cargo's <c>--jobs</c>; the config's <c>jobs</c>, else cargo's default, when null.</summary>
    public int? Jobs { get; init; }

    /// <summary>How cargo-lambda's config is found and layered (working directory, context, global file, admerge).</summary>
    public LambdaConfigOptions ConfigOptions { get; init; } = new();

    /// <summary>Cargo's target directory; cargo's own choice when null.</summary>
    public string? TargetDirectory { get; init; }

    /// <summary>
    /// The Lambda runtime the binaries must run on; its glibc caps the symbols they may need. When null, a glibc suffix
    /// in the project's config <c>target</c> applies, else <c>provided.al2023</c>.
    /// </summary>
    public LambdaRuntime? Runtime { get; init; }

    /// <summary>A glibc version that overrides the runtime's (for example 2.17).</summary>
    public Version? Glibc { get; init; }

    /// <summary>Environment variables for cargo, on top of this process's and the project's config.</summary>
    public IReadOnlyDictionary<string, string> EnvironmentVariables { get; init; } = new Dictionary<string, string>();

    /// <summary>Extra arguments appended to the cargo command line unchanged (what follows a bare <c>--</c> on our command line).</summary>
    public IReadOnlyList<string> CargoArguments { get; init; } = [];

    /// <summary>Apply cargo-lambda's release optimizations (strip, thin LTO, codegen-units 1, panic abort, target-cpu). Default true.</summary>
    public bool ReleaseOptimizations { get; init; } = true;

    /// <summary>A rustup toolchain name to use (e.g. <c>debian</c>); resolved automatically when null.</summary>
    public string? Toolchain { get; init; }

    /// <summary>A cargo executable to use instead of the resolved one.</summary>
    public string? CargoPath { get; init; }

    /// <summary>A rustc executable to use instead of the resolved one.</summary>
    public string? RustcPath { get; init; }

    /// <summary>Values that are redacted wherever they would be logged.</summary>
    public IReadOnlyList<string> Secrets { get; init; } = [];

    /// <summary>Where output goes; <see cref="LambdaRustTasks.Logger"/> through the tasks, nowhere when null.</summary>
    public ILogger? Logger { get; init; }
}
